/**
 * A build's one progress number, the same for the core, the CLI and the window. Phases are
 * weighted by their usual share of a build's wall time; the build phase moves with the rows its
 * batches have done. The reducer keeps the highest value reached, so it never goes backwards
 * (not on a retry, a new stage, a cancel or a failure).
 */
import { PHASES, type Phase } from './contract/build.js';

/** Share of a typical build's wall time per phase (build dominates; validate pays for describe). */
const WEIGHT: Record<Phase, number> = { validate: 0.1, plan: 0.02, train: 0.05, build: 0.7, commit: 0.1, verify: 0.08 };
/** Train runs for vector indices only: it counts once it starts, and the sum is scaled back to 0..1. */
const OPTIONAL: ReadonlySet<Phase> = new Set(['train']);

interface BatchLike {
  rows: number;
  state: string;
  fraction: number | null;
}

/** How far one batch is: done is 1, a running one what pylance reported, anything else 0. */
export function batchFraction(b: BatchLike): number {
  if (b.state === 'done') return 1;
  return b.fraction ?? 0;
}

/** Rows done over rows planned (each batch counts at least 1 row, so empty ones still move it). */
export function buildPhaseFraction(batches: readonly BatchLike[]): number {
  const total = batches.reduce((n, b) => n + Math.max(b.rows, 1), 0);
  if (total === 0) return 0;
  return batches.reduce((n, b) => n + Math.max(b.rows, 1) * batchFraction(b), 0) / total;
}

/** The weighted sum of the phases done and the build phase's share so far (0..1), over the phases this build has. */
export function phasesFraction(phases: Record<string, string>, batches: readonly BatchLike[]): number {
  let f = 0;
  let total = 0;
  for (const p of PHASES) {
    // An optional phase not (yet) started, or skipped, is not part of this build's work.
    if (OPTIONAL.has(p) && (phases[p] === undefined || phases[p] === 'pending' || phases[p] === 'skipped')) continue;
    total += WEIGHT[p];
    if (phases[p] === 'done') f += WEIGHT[p];
    else if (p === 'build' && batches.length > 0) f += WEIGHT.build * buildPhaseFraction(batches);
  }
  return Math.min(1, f / total);
}
