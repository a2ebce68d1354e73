/**
 * Issue 11's targets (and issue 14's for vector cases), checked against one run's medians: a
 * PASS/FAIL line per case and target. A target stated for the full size is only informative at
 * smoke size (INFO), since a smoke case is small enough for start-up to decide it.
 */
import { cpus } from 'node:os';
import type { CaseResult } from './builds.js';
import type { Size } from './cases.js';
import type { RunResult } from './contenders.js';
import { medianOf, summarize } from './stats.js';

export interface Check {
  status: 'PASS' | 'FAIL' | 'INFO' | 'N/A';
  text: string;
}

export interface Tally {
  label: string;
  median: number;
  /** The fastest and slowest run. */
  min: number;
  max: number;
  peakMiB: number;
  /** Median recall@10 over the runs that measured it (vector cases). */
  recall?: number;
}

const ok = (rs: RunResult[]) => rs.filter((r) => r.ok);

export function tally(cr: CaseResult, id: string): (Tally & { results: RunResult[] }) | undefined {
  const entry = cr.runs.find((r) => r.contender.id === id);
  const good = entry ? ok(entry.results) : [];
  const s = summarize(good.map((r) => r.wallS));
  if (!s || !entry) return undefined;
  return {
    label: entry.label,
    median: s.median,
    min: s.min,
    max: s.max,
    peakMiB: Math.max(...good.map((r) => r.peakRssMiB)),
    recall: medianOf(good.map((r) => r.recall)),
    results: good,
  };
}

/** The fastest by median among the peers that ran, optionally only single-process ones. */
export function bestPeer(cr: CaseResult, singleProcessOnly = false): Tally | undefined {
  return cr.runs
    .filter((r) => r.contender.role === 'peer' && (!singleProcessOnly || r.contender.singleProcess))
    .map((r) => tally(cr, r.contender.id))
    .filter((t): t is NonNullable<typeof t> => t !== undefined)
    .sort((a, b) => a.median - b.median)[0];
}

/** Lowest and highest recall of the runs: k-means and PQ training are random, so one tool's runs differ. */
function recallSpread(results: RunResult[]): string {
  const s = summarize(results.map((x) => x.recall).filter((v): v is number => v !== undefined));
  return s ? `${s.min.toFixed(3)}–${s.max.toFixed(3)}` : 'none';
}

const s2 = (n: number) => `${n.toFixed(2)} s`;
const x2 = (n: number) => `${n.toFixed(2)}x`;
const pass = (cond: boolean): Check['status'] => (cond ? 'PASS' : 'FAIL');

export function checkTargets(results: CaseResult[], size: Size): Check[] {
  const checks: Check[] = [];
  const add = (status: Check['status'], text: string) => checks.push({ status, text });
  for (const cr of results) {
    const id = cr.c.id;
    const app = tally(cr, 'app');
    if (!app) {
      add('N/A', `${id}: the app's parallel build did not run or failed every run`);
      continue;
    }
    const best = bestPeer(cr);
    // The parallel build as it starts cold, with its engine forked from a warm engine, and as the
    // CLI's default (--workers omitted: as many workers as pay, at most the CPUs, BTREE in rounds).
    const parallel = [app, tally(cr, 'app-warm'), tally(cr, 'app-auto')].filter((t): t is NonNullable<typeof t> => t !== undefined);
    for (const t of parallel)
      if (best)
        add(
          pass(t.median <= best.median),
          `${id}: ${t.label} ${s2(t.median)} no slower than the best peer, ${best.label} ${s2(best.median)} (${x2(t.median / best.median)})`,
        );

    const single = bestPeer(cr, true);
    if (cr.c.indexType === 'FTS' && single) {
      const speedup = single.median / app.median;
      add(
        size === 'full' ? pass(speedup >= 1.5) : 'INFO',
        `${id}: >= 1.5x faster than the best single-process peer on FTS${size === 'full' ? '' : ' (a full-size target)'}: ${x2(speedup)} vs ${single.label}`,
      );
    }

    const ray = tally(cr, 'lance-ray');
    if (ray)
      for (const t of parallel)
        add(pass(ray.median / t.median >= 3), `${id}: ${t.label}: >= 3x faster than lance-ray (Ray's start-up excluded): ${x2(ray.median / t.median)}`);
    // lance-ray leaves its FTS segments unmerged: the app doing the same is the like-for-like line.
    const unmerged = tally(cr, 'app-no-merge');
    if (ray && unmerged)
      add(
        'INFO',
        `${id}: like for like with lance-ray (neither merges its segments): ${unmerged.label} ${s2(unmerged.median)} vs ${s2(ray.median)} (${x2(ray.median / unmerged.median)} faster)`,
      );

    const pylance = tally(cr, 'pylance');
    for (const t of parallel)
      if (pylance)
        add(
          pass(t.peakMiB <= 1.5 * pylance.peakMiB),
          `${id}: ${t.label}: peak memory <= 1.5x pylance's single process: ${t.peakMiB.toFixed(0)} vs ${pylance.peakMiB.toFixed(0)} MiB (${x2(t.peakMiB / pylance.peakMiB)})`,
        );

    // Issue 14: the parallel vector build must not buy its speed with worse answers.
    if (cr.c.vector && pylance) {
      const diff = app.recall !== undefined && pylance.recall !== undefined ? app.recall - pylance.recall : undefined;
      add(
        // Within 0.01 below: a higher recall is no harm to the user the goal protects.
        diff === undefined ? 'N/A' : pass(diff >= -0.01),
        `${id}: recall@10 no more than 0.01 below pylance's single-process build: ` +
          (diff === undefined
            ? 'not measured for both'
            : `${app.recall!.toFixed(3)} vs ${pylance.recall!.toFixed(3)} (${diff >= 0 ? '+' : ''}${diff.toFixed(3)}; ` +
              `runs ${recallSpread(app.results)} vs ${recallSpread(pylance.results)})`),
      );
    }

    // Not on vector cases: their fixed part holds the model's training, which no batch can share.
    if (cr.c.indexType !== 'FTS' && !cr.c.vector) {
      for (const t of parallel) {
        const overhead = medianOf(t.results.map((r) => r.app?.fixedOverheadS));
        if (overhead !== undefined)
          add(pass(overhead < 0.4), `${id}: ${t.label}: fixed overhead (all but the busiest worker's batches) < 0.4 s: ${s2(overhead)}`);
      }
    }

    const auto = tally(cr, 'app-auto');
    const one = tally(cr, 'app-1');
    if (auto && one) {
      const batches = Math.max(...auto.results.map((r) => r.app?.batches ?? 0));
      const workers = Math.max(...auto.results.map((r) => r.app?.workers ?? 0));
      const fragments = cr.dataset.fragments.length;
      // Workers are what the issue limits: more batches than CPUs (BTREE's rounds) run in turn.
      const limit = Math.min(cpus().length, batches);
      // With one batch the automatic count ran the very build --workers 1 runs: say so, with both
      // spreads, so a difference inside them reads as what it is.
      const spread = (t: Tally) => `${s2(t.min)}–${s2(t.max)}`;
      const same = batches === 1 ? `; 1 batch is the --workers 1 build itself (spreads ${spread(auto)} vs ${spread(one)})` : '';
      add(
        pass(auto.median <= one.median && workers <= limit && batches <= fragments),
        `${id}: --workers omitted never slower than 1 worker, nor more workers than batches or cores, nor more batches than fragments: ${s2(auto.median)} vs ${s2(one.median)}, ${workers} workers for ${batches} batches (limit ${limit})${same}`,
      );
    }

    const byRows = tally(cr, 'app-by-rows');
    if (byRows) {
      const measure = app.results[0]?.app?.balancedBy;
      const gain = byRows.median / app.median;
      // The slowest batch too: at smoke size fixed costs can hide what the balance changed.
      const slowest = (t: typeof app) => medianOf(t.results.map((r) => r.app?.slowestBatchS)) ?? 0;
      if (measure === 'bytes')
        add(
          pass(gain >= 1.2),
          `${id}: balancing by bytes >= 20% faster than by rows: ${x2(gain)} (${s2(app.median)} vs ${s2(byRows.median)}; slowest batch ${s2(slowest(app))} vs ${s2(slowest(byRows))})`,
        );
      else
        add(
          'N/A',
          `${id}: the default build balanced by ${measure ?? 'an unreported measure (the CLI result has no plan.balancedBy)'}, so bytes vs rows can't be compared`,
        );
    }
  }
  return checks;
}

export function formatChecks(checks: Check[]): string[] {
  return checks.map((c) => `${c.status.padEnd(4)} ${c.text}`);
}
