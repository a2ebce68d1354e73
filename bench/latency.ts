/**
 * Query latency on merged vs per-batch segments, which decides the --merge-segments default,
 * and for FTS on the merge workflow (shared uuid + merge_index_metadata, what lance-ray does,
 * whose commit is cheaper): the same sample built each way on warm workers, then the same
 * queries timed on each; pylance's own single-process FTS index beside them as the reference.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, CLI } from './paths.js';
import { measure } from './process-tree.js';

const COLUMN = { FTS: 'review', BTREE: 'id' } as const;
/** Queries timed per index: 5 probes, 20 times each (bench/query-latency.py). */
const QUERIES = 100;

export async function queryLatency(opts: { rows: number; fragments: number; workers: number; workDir: string; python: string }): Promise<string[]> {
  // Loaded here: the other parts need neither the engine nor the coordinator.
  const { LocalEngine } = await import('../electron/engine/local-engine.js');
  const { startBuild } = await import('../electron/core/build-coordinator.js');
  const root = join(opts.workDir, 'latency');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const base = join(root, 'base.lance');
  console.log(`\nQuery latency: writing the sample (${opts.rows} rows, ${opts.fragments} fragments) ...`);
  const made = await measure(process.execPath, [CLI, 'sample', '--out', base, '--rows', String(opts.rows), '--fragments', String(opts.fragments), '--json']);
  if (made.code !== 0) throw new Error(`sample failed:\n${made.stderrTail}`);

  const engine = new LocalEngine();
  const lines: string[] = [];
  try {
    engine.warm(opts.workers);
    await engine.info();
    let copies = 0;
    const variants = [
      { type: 'FTS', kind: 'fts', merge: true, workflow: 'segments' },
      { type: 'FTS', kind: 'fts', merge: false, workflow: 'segments' },
      { type: 'FTS', kind: 'fts', merge: false, workflow: 'merge' },
      { type: 'BTREE', kind: 'btree', merge: true, workflow: 'segments' },
      { type: 'BTREE', kind: 'btree', merge: false, workflow: 'segments' },
    ] as const;
    for (const { type, kind, merge, workflow } of variants) {
      const uri = join(root, `run-${copies++}.lance`);
      cpSync(base, uri, { recursive: true });
      const r = await startBuild(
        engine,
        { target: { uri, storageOptions: {} }, column: COLUMN[type], indexType: type, workers: opts.workers, mergeSegments: merge, workflow },
        () => undefined,
        { lancedbCheck: false },
      ).result;
      if (!r.ok) throw new Error(`latency build failed: ${r.error?.message}`);
      const q = await measure(opts.python, [join(BENCH, 'query-latency.py'), uri, kind, COLUMN[type]], { env: { ...process.env, LANCE_LOG: 'error' } });
      if (q.code !== 0) throw new Error(`query-latency.py failed:\n${q.stderrTail}`);
      const qj = JSON.parse(q.stdout) as { median_ms: number; p90_ms: number };
      const segments =
        workflow === 'merge' ? 'merge workflow (one index, shared uuid)' : merge ? 'merged (1 segment)' : `per batch (${r.segmentUuids?.length} segments)`;
      lines.push(
        `| ${type} | ${segments} | ${qj.median_ms.toFixed(2)} | ${qj.p90_ms.toFixed(2)} | ${((r.timingsMs.build! + r.timingsMs.commit!) / 1000).toFixed(2)} |`,
      );
      rmSync(uri, { recursive: true, force: true });
    }
    // The reference: pylance's own single-process FTS index on the same sample, queried alike.
    // An unmerged app index that queries as fast as this one loses the user nothing.
    const uri = join(root, `run-${copies++}.lance`);
    cpSync(base, uri, { recursive: true });
    const built = await measure(opts.python, [join(BENCH, 'peers', 'pylance-build.py'), uri, COLUMN.FTS, 'INVERTED'], {
      env: { ...process.env, LANCE_LOG: 'error' },
    });
    if (built.code !== 0) throw new Error(`pylance-build.py failed:\n${built.stderrTail}`);
    const q = await measure(opts.python, [join(BENCH, 'query-latency.py'), uri, 'fts', COLUMN.FTS], { env: { ...process.env, LANCE_LOG: 'error' } });
    if (q.code !== 0) throw new Error(`query-latency.py failed:\n${q.stderrTail}`);
    const qj = JSON.parse(q.stdout) as { median_ms: number; p90_ms: number };
    const buildS = (JSON.parse(built.stdout.trim().split('\n').pop()!) as { build_s: number }).build_s;
    lines.push(`| FTS | pylance's own single-process build | ${qj.median_ms.toFixed(2)} | ${qj.p90_ms.toFixed(2)} | ${buildS.toFixed(2)} |`);
    rmSync(uri, { recursive: true, force: true });
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
  return [
    `## Query latency: merged vs per-batch segments, FTS's merge workflow, and pylance's own FTS index (${opts.rows.toLocaleString('en-US')}-row sample, ${opts.workers} workers, warm cache, ${QUERIES} queries)`,
    '',
    '| index | segments | median ms | p90 ms | build+commit s |',
    '|---|---|---|---|---|',
    ...lines,
    '',
  ];
}
