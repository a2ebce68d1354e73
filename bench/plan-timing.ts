/**
 * How long the planner takes for 1,000,000 fragments onto 64 workers. Measured here, not
 * asserted in a test: a wall-clock bound flakes on a loaded 2-core machine, and a number
 * reported from a quiet run says more than a pass under a generous ceiling.
 */
import { balanceFragments } from '../shared/balance.js';

export interface PlanTiming {
  fragments: number;
  workers: number;
  runs: number;
  medianMs: number;
  minMs: number;
  makespanRatio: number;
}

/** Uneven sizes from a fixed seed (Park-Miller), so every run plans the same fragments. */
function unevenFragments(n: number): Array<{ id: number; rows: number }> {
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, id) => ({ id, rows: Math.floor(rand() * 100_000) }));
}

export function timePlanning(fragments = 1_000_000, workers = 64, runs = 7): PlanTiming {
  const input = unevenFragments(fragments);
  balanceFragments(input, workers); // warm-up: the first run also pays for JIT compilation
  const ms: number[] = [];
  let makespanRatio = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const plan = balanceFragments(input, workers);
    ms.push(performance.now() - t);
    makespanRatio = plan.makespanRatio;
  }
  ms.sort((a, b) => a - b);
  return { fragments, workers, runs, medianMs: ms[Math.floor(runs / 2)]!, minMs: ms[0]!, makespanRatio };
}

export function planTimingReport(t: PlanTiming): string[] {
  return [
    `## Planning ${t.fragments.toLocaleString('en-US')} fragments onto ${t.workers} workers (shared/balance.ts, in process)`,
    '',
    '| runs | median ms | min ms | makespan/ideal |',
    '|---|---|---|---|',
    `| ${t.runs} | ${t.medianMs.toFixed(0)} | ${t.minMs.toFixed(0)} | ${t.makespanRatio.toFixed(4)} |`,
    '',
  ];
}
