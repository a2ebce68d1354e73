/** How far a build is, as one number, and how long each batch has run. Pure, for tests. */
import { PHASES, type Phase } from '@shared/contract/build';
import type { BatchState, BuildState } from '@shared/contract/build-state';

/** Share of a typical build's wall time per phase (build dominates; validate pays for describe). */
const WEIGHT: Record<Phase, number> = { validate: 0.1, plan: 0.02, build: 0.7, commit: 0.1, verify: 0.08 };

export function buildFraction(batches: readonly BatchState[]): number {
  const total = batches.reduce((n, b) => n + Math.max(b.rows, 1), 0);
  if (total === 0) return 0;
  const done = batches.reduce((n, b) => n + Math.max(b.rows, 1) * batchFraction(b), 0);
  return done / total;
}

export function batchFraction(b: BatchState): number {
  if (b.state === 'done') return 1;
  if (b.state === 'running') return b.fraction ?? 0;
  return 0;
}

export function overallFraction(s: BuildState): number {
  if (s.status === 'succeeded') return 1;
  let f = 0;
  for (const p of PHASES) {
    const st = s.phases[p];
    if (st === 'done') f += WEIGHT[p];
    else if (st === 'running' && p === 'build') f += WEIGHT.build * buildFraction(s.batches);
  }
  return Math.min(1, f);
}

/** A running batch's elapsed time now; a finished one's as recorded. */
export function batchElapsed(b: BatchState, wallT0: number, now: number, updatedAt: number): number | null {
  if (b.elapsedMs !== null) return b.elapsedMs;
  if (b.startedAt === null) return null;
  if (b.state === 'running' || b.state === 'retrying') return Math.max(0, now - wallT0 - b.startedAt);
  return Math.max(0, updatedAt - b.startedAt);
}
