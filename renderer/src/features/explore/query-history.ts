/** The queries run in this session, newest first, for running one again with a click. Pure. */
import { QueryRequestSchema } from '@shared/contract/api';
import type { QueryMode } from './query-store';

export interface QueryAsked {
  mode: QueryMode;
  text: string;
  /** The searched column of a full-text query ('' = every indexed text column). */
  column: string;
  limit: number;
}

export interface QueryRun extends QueryAsked {
  /** The dataset version it ran on: an older one when the window showed that read-only. */
  version: number;
  rows: number;
  total: number | undefined;
  elapsedMs: number;
  usedIndex: boolean;
}

export const HISTORY_SIZE = 20;

export function sameQuery(a: QueryAsked, b: QueryAsked): boolean {
  return a.mode === b.mode && a.text === b.text && a.column === b.column && a.limit === b.limit;
}

/** `run` first; an earlier run of the same query gives way to it, so each query is listed once. */
export function rememberQuery(history: readonly QueryRun[], run: QueryRun, max = HISTORY_SIZE): QueryRun[] {
  return [run, ...history.filter((h) => !sameQuery(h, run))].slice(0, max);
}

/** The core's bounds on a limit, read from the contract (one fact in one place). */
const LIMIT = QueryRequestSchema.shape.limit.unwrap();
export const MIN_LIMIT = LIMIT.minValue ?? 1;
export const MAX_LIMIT = LIMIT.maxValue ?? Number.MAX_SAFE_INTEGER;

/** The limit as typed: a whole number within the core's bounds, or why not. */
export function parseLimit(text: string): { limit: number } | { problem: string } {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < MIN_LIMIT || n > MAX_LIMIT) {
    return { problem: `The limit is a whole number from ${MIN_LIMIT} to ${MAX_LIMIT.toLocaleString('en-US')}.` };
  }
  return { limit: n };
}
