/** Errors with a kind, so every front end can pick an exit code or a place to show them. */
import type { ErrorKind } from '@shared/contract/build.js';

export class StudioError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    /** The form field the error concerns, for the window (e.g. 'column', 'workers'). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

export const inputError = (message: string, field?: string) => new StudioError(message, 'input', field);

/**
 * A failure that may end differently on another try: a crash, a kill, a timeout, a storage
 * error. Anything else (bad input, a format the engine can't read, a parameter pylance refuses)
 * fails the same way every time and is not retried.
 */
export class RetryableError extends StudioError {}

/** A worker process that died while it had work: its batch can be retried elsewhere. */
export class WorkerDiedError extends RetryableError {
  constructor(message: string) {
    super(message, 'engine');
    this.name = 'WorkerDiedError';
  }
}

export function errorKind(err: unknown): ErrorKind {
  return err instanceof StudioError ? err.kind : 'internal';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
