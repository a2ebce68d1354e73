/**
 * The build part: for each case, its dataset once, then every contender on a fresh copy, the
 * runs interleaved (A B C A B C ...) so a slow minute of a shared machine lands on every
 * contender alike instead of on whichever ran then.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchCase, type Size, WARMUP_CASE } from './cases.js';
import type { Contender, RunResult, Tools } from './contenders.js';
import { copyForRun, type Dataset, ensureDataset } from './datasets.js';
import { measureRecall, RECALL_K } from './recall.js';

export interface CaseResult {
  c: BenchCase;
  dataset: Dataset;
  /** Contenders that ran, in order, with every run's result. */
  runs: Array<{ contender: Contender; label: string; results: RunResult[] }>;
  /** Contenders left out of this case, and why. */
  skipped: Array<{ label: string; reason: string }>;
}

export interface BuildsPlan {
  size: Size;
  runs: number;
  workers: number;
  cases: BenchCase[];
  contenders: Contender[];
  warmup: boolean;
  dataDir: string;
  workDir: string;
  tools: Tools;
}

const f2 = (n: number) => n.toFixed(2);

async function runOnce(p: BuildsPlan, contender: Contender, c: BenchCase, base: string, tag: string): Promise<RunResult> {
  const dest = join(p.workDir, tag);
  rmSync(dest, { recursive: true, force: true });
  const uri = copyForRun(base, dest);
  try {
    const res = await contender.run({ uri, c, workers: p.workers, timeoutS: p.size === 'full' ? 3600 : 600, tools: p.tools });
    // A vector index is only as good as its answers: recall on this run's copy, before it goes.
    if (res.ok && c.vector && contender.role !== 'floor') {
      const recall = await measureRecall(uri, c, p.tools.python);
      return { ...res, recall: recall.value, recallError: recall.error };
    }
    return res;
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}

export async function runBuilds(p: BuildsPlan): Promise<CaseResult[]> {
  mkdirSync(p.workDir, { recursive: true });
  if (p.warmup) {
    // Each tool's first start reads its Python packages or native modules from disk; that
    // should not land on whichever case happens to run first. Not recorded.
    console.log('Warm-up: every contender once on a 20,000-row text dataset (not recorded) ...');
    const data = await ensureDataset(WARMUP_CASE, 'smoke', p.dataDir, p.tools.python);
    for (const contender of p.contenders.filter((x) => x.available(p.tools) === undefined)) {
      const r = await runOnce(p, contender, WARMUP_CASE, data.uri, `warmup-${contender.id}`);
      if (!r.ok) console.log(`  warm-up of ${contender.id} failed: ${r.error}`);
    }
  }

  const results: CaseResult[] = [];
  for (const c of p.cases) {
    console.log(`\n${c.id}: ${c.title} (${p.size}) — writing the dataset ...`);
    const dataset = await ensureDataset(c, p.size, p.dataDir, p.tools.python);
    console.log(
      `  ${dataset.rows.toLocaleString('en-US')} rows in ${dataset.fragments.length} fragments` +
        (dataset.writeS ? `, written in ${f2(dataset.writeS)} s` : ' (kept from an earlier run)'),
    );
    const skipped: CaseResult['skipped'] = [];
    const runs: CaseResult['runs'] = [];
    for (const contender of p.contenders) {
      const label = contender.label(p.tools, p.workers);
      if (contender.appliesTo && !contender.appliesTo(c)) continue;
      const why = contender.available(p.tools);
      if (why) skipped.push({ label, reason: why });
      else runs.push({ contender, label, results: [] });
    }
    for (let r = 1; r <= p.runs; r++) {
      for (const entry of runs) {
        const res = await runOnce(p, entry.contender, c, dataset.uri, `${c.id}-${r}-${entry.contender.id}`);
        entry.results.push(res);
        const mem = `${res.peakRssMiB.toFixed(0)} MiB`;
        const recall =
          res.recall !== undefined ? `  recall@${RECALL_K} ${res.recall.toFixed(3)}` : res.recallError ? `  recall not measured: ${res.recallError}` : '';
        console.log(
          `  run ${r}/${p.runs}  ${entry.label.padEnd(48)} ${res.ok ? `${f2(res.wallS)} s  ${mem}${recall}` : `FAILED after ${f2(res.wallS)} s: ${res.error}`}`,
        );
      }
    }
    results.push({ c, dataset, runs, skipped });
  }
  return results;
}
