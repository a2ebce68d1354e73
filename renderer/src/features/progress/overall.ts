/**
 * How long each batch waited and ran, how fast it goes, and how long the build phase has left.
 * Times are ms since the build's start (its events' clock). Pure, for tests. The build's one
 * progress number itself is folded by the shared reducer (shared/build-progress.ts).
 */
import type { BatchState, BuildState } from '@shared/contract/build-state';
import { batchFraction } from '@shared/build-progress';

/**
 * A batch's run time: once done, the engine's own measure (from its first start; on Ray by the
 * cluster's clock, not by when its events arrived here); before, from its start to now.
 */
export function batchRunMs(b: BatchState, now: number): number | null {
  if (b.state === 'done' && b.elapsedMs !== null) return b.elapsedMs;
  if (b.startedAt === null) return null;
  return Math.max(0, (b.endedAt ?? now) - b.startedAt);
}

/** Rows per second of a batch that runs (or ran), once pylance has said how far it is. */
export function rowsPerSecond(b: BatchState, now: number): number | null {
  const ms = batchRunMs(b, now);
  const f = batchFraction(b);
  if (ms === null || ms < 200 || (b.state !== 'done' && b.fraction === null)) return null;
  return (b.rows * f * 1000) / ms;
}

/** Below this much done, a batch's speed says little about its end. */
const MIN_FRACTION_FOR_ETA = 0.03;

/**
 * Time left in the build phase: the rows not done over the speed the build runs at now. That
 * speed is the typical speed of one batch (of those that have said enough: running past a few
 * percent, or done) times the batches running; so a batch that has just started, and said
 * nothing yet, runs at the others' speed instead of blanking the estimate (it flickered off each
 * time a worker took its next batch). Queued batches join as others finish, so that speed holds.
 * null when no batch has a measure yet (pylance reports none while a non-FTS batch runs).
 */
export function buildTimeLeftMs(s: BuildState, now: number): number | null {
  const running = s.batches.filter((b) => b.state === 'running').length;
  if (running === 0) return null;
  const speeds = s.batches
    .filter((b) => b.state === 'done' || (b.state === 'running' && (b.fraction ?? 0) >= MIN_FRACTION_FOR_ETA))
    .map((b) => rowsPerSecond(b, now))
    .filter((v): v is number => v !== null && v > 0);
  if (speeds.length === 0) return null;
  const perBatch = speeds.reduce((a, b) => a + b, 0) / speeds.length;
  const left = s.batches.reduce((n, b) => n + (b.state === 'done' ? 0 : b.rows * (1 - batchFraction(b))), 0);
  return (left / (perBatch * running)) * 1000;
}

/** Past this, a cancel loses enough work to be worth a second press. */
export const CONFIRM_CANCEL_AFTER_MS = 3000;

export function needsConfirmation(runningForMs: number): boolean {
  return runningForMs >= CONFIRM_CANCEL_AFTER_MS;
}

/** Until its commit starts: after that the core ignores a cancel (a commit can't be taken back). */
export function cancellable(s: BuildState): boolean {
  return s.status === 'running' && (s.phases.commit ?? 'pending') === 'pending';
}
