/** Exit codes: 0 built and verified, 1 build failed, 2 bad input. */
import type { ErrorKind } from '@shared/contract/build.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export function exitCodeFor(kind: ErrorKind | undefined): number {
  return kind === 'input' ? EXIT_BAD_INPUT : EXIT_FAILED;
}

/** A CLI-level input problem (found while reading flags), reported like the core's. */
export class UsageError extends Error {}
