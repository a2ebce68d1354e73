/**
 * The automatic worker count (`--workers auto`, the CLI's default, and the window's suggestion):
 * the count with the shortest predicted build. With n workers a build takes its slowest batch
 * (an even share of the work, never less than the largest fragment), plus 0.3 s for each extra
 * worker (a pylance start competing for the cores, measured) and, for types whose segments are
 * merged (FTS), a merge costing a share of the work once there are two or more. So a 1M-row BTREE
 * (~0.2 s of work) and an FTS over 50K articles (~0.5 s) get one worker, an FTS over 250K
 * articles (~2.8 s) gets two; never more than the CPUs that can run them at once or the
 * fragments there are to split. Where the type caps a batch's rows (BTREE), each of those
 * workers then runs up to MAX_ROUNDS batches in turn, so that none exceeds the cap: the count
 * returned is the batches (a worker each in the plan), and the engine runs as many at once as
 * there are CPUs.
 */
import type { SizedFragment } from './balance.js';
import { INDEX_TYPE_INFO, type IndexType } from './index-types.js';

/** What one more worker costs: its process start (importing pylance) competing for the cores. */
export const EXTRA_WORKER_COST_S = 0.3;

/**
 * How many engines a build starts before it has read the dataset: as many as asked, but no more
 * than could run at once (a request for 256 workers on a path that holds no dataset must not
 * start 256 engines), and one for an automatic count (a second is started once the plan says it
 * pays). The coordinator warms this many, and the CLI starts this many before its code loads.
 */
export function enginesBeforeDescribe(asked: number | 'auto', limit: number): number {
  return Math.max(1, Math.min(asked === 'auto' ? 1 : asked, limit));
}

export interface AutoWorkers {
  workers: number;
  /** The estimated build work on one worker, seconds. */
  workS: number;
  /** Why this many, in the words the CLI and the window show. */
  reason: string;
}

/** Seconds of build work on one worker: a cost per row, plus one per byte where the type has one. */
export function estimateWorkS(indexType: IndexType, fragments: readonly SizedFragment[]): { total: number; largest: number } {
  const { rowsPerS, bytesPerS } = INDEX_TYPE_INFO[indexType].speed;
  let total = 0;
  let largest = 0;
  for (const f of fragments) {
    const s = (f.rows ?? 0) / rowsPerS + (bytesPerS && f.bytes != null ? f.bytes / bytesPerS : 0);
    total += s;
    if (s > largest) largest = s;
  }
  return { total, largest };
}

/** The predicted build time with n workers (n >= 1). */
export function predictedS(indexType: IndexType, work: { total: number; largest: number }, n: number): number {
  const merge = n > 1 ? (INDEX_TYPE_INFO[indexType].speed.mergeShare ?? 0) * work.total : 0;
  return Math.max(work.total / n, work.largest) + EXTRA_WORKER_COST_S * (n - 1) + merge;
}

/**
 * Most rounds of batches one worker runs when batches are split under the type's `maxBatchRows`:
 * every batch is a segment of the index, and each segment adds to every lookup's time.
 */
export const MAX_ROUNDS = 4;

/** The type's batch cap as people read it (`5M`), or undefined for a type without one. */
export function batchCapLabel(indexType: IndexType): string | undefined {
  const cap = INDEX_TYPE_INFO[indexType].speed.maxBatchRows;
  return cap ? `${cap / 1_000_000}M` : undefined;
}

/**
 * Rounds of batches per worker that keep each batch under the type's `maxBatchRows`. A fragment
 * is never split, so only rows in fragments under the cap count: one huge fragment is its batch
 * whatever the count, and more batches beside it would only add segments.
 */
export function roundsFor(indexType: IndexType, fragments: readonly SizedFragment[], workers: number): number {
  const cap = INDEX_TYPE_INFO[indexType].speed.maxBatchRows;
  if (!cap) return 1;
  const splittable = fragments.reduce((sum, f) => sum + ((f.rows ?? 0) < cap ? (f.rows ?? 0) : 0), 0);
  const rounds = Math.min(MAX_ROUNDS, Math.ceil(splittable / (cap * workers)));
  return Math.max(1, Math.min(rounds, Math.floor(fragments.length / workers)));
}

export function autoWorkers(indexType: IndexType, fragments: readonly SizedFragment[], cpus: number): AutoWorkers {
  const work = estimateWorkS(indexType, fragments);
  const limit = Math.max(1, Math.min(Math.floor(cpus), fragments.length));
  let n = 1;
  for (let k = 2; k <= limit; k++) if (predictedS(indexType, work, k) < predictedS(indexType, work, n)) n = k;
  const total = work.total;
  const shown = total < 10 ? `${total.toFixed(1)} s` : `${Math.round(total)} s`;
  const rounds = roundsFor(indexType, fragments, n);
  if (rounds > 1) {
    return {
      workers: n * rounds,
      workS: total,
      reason: `${n * rounds} batches for ~${shown} of ${indexType} work, ${n} at a time, of about ${batchCapLabel(indexType)} rows or fewer each: larger ${indexType} batches build slower and hold more memory`,
    };
  }
  const why =
    n === limit && n > 1
      ? limit === fragments.length && fragments.length < cpus
        ? 'one per fragment'
        : `one per CPU (${cpus})`
      : n === 1
        ? limit === 1
          ? fragments.length <= 1
            ? 'one fragment'
            : 'one CPU'
          : 'a second would cost more than it saves'
        : 'more would cost more than they save';
  return { workers: n, workS: total, reason: `${n} worker${n === 1 ? '' : 's'} for ~${shown} of ${indexType} work: ${why}` };
}
