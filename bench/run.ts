/**
 * `npm run bench`: this app against its peers, in one run on one machine.
 *   pylance      pylance's single-process create_scalar_index (python process, includes import)
 *   lancedb      @lancedb/lancedb createIndex from Node (process, includes native module load)
 *   studio cli   `lance-index build --workers N` (process: start-up, validation, plan, build,
 *                commit, verification included)
 *   studio warm  the same build on an engine whose workers are already running (the window)
 * plus query latency with merged vs per-batch segments, which decides the merge default.
 * Options: --rows 1000000 --fragments 32 --workers 2 --types BTREE,FTS,BITMAP
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { LocalEngine } from '../electron/engine/local-engine.js';
import { startBuild } from '../electron/core/build-coordinator.js';
import { pythonExecutable, PROJECT_ROOT } from '../electron/engine/python-env.js';
import { measure } from './process-tree.js';

const { values: opt } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    fragments: { type: 'string', default: '32' },
    workers: { type: 'string', default: '2' },
    types: { type: 'string', default: 'BTREE,FTS,BITMAP' },
  },
});
const COLUMN: Record<string, string> = { BTREE: 'id', FTS: 'review', BITMAP: 'category', INVERTED: 'review' };
const root = join(tmpdir(), 'lance-index-bench');
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
const base = join(root, 'base.lance');
const cli = join(PROJECT_ROOT, 'bin', 'lance-index.js');
const py = pythonExecutable();
let copies = 0;
const fresh = () => {
  const dest = join(root, `run-${copies++}.lance`);
  cpSync(base, dest, { recursive: true });
  return dest;
};

console.log(`Writing the sample: ${opt.rows} rows, ${opt.fragments} fragments ...`);
const made = await measure(process.execPath, [cli, 'sample', '--out', base, '--rows', opt.rows!, '--fragments', opt.fragments!, '--json']);
if (made.code !== 0) throw new Error('sample failed');

interface Row { type: string; tool: string; wallS: number; buildS?: number; peakRssMiB?: number }
const rows: Row[] = [];
const engine = new LocalEngine();
engine.warm(Number(opt.workers));
await engine.info();

for (const type of opt.types!.split(',')) {
  const column = COLUMN[type]!;
  const p = await measure(py, [resolve('bench/peers/pylance-build.py'), fresh(), column, type === 'FTS' ? 'INVERTED' : type]);
  const pj = JSON.parse(p.stdout);
  rows.push({ type, tool: 'pylance (1 process)', wallS: p.wallS, buildS: pj.build_s, peakRssMiB: p.peakRssMiB });

  const l = await measure(process.execPath, ['--import', 'tsx', resolve('bench/peers/lancedb-build.ts'), fresh(), column, type]);
  const lj = JSON.parse(l.stdout);
  rows.push({ type, tool: 'lancedb createIndex', wallS: l.wallS, buildS: lj.build_s, peakRssMiB: l.peakRssMiB });

  const c = await measure(process.execPath, [cli, 'build', '--uri', fresh(), '--column', column, '--type', type, '--workers', opt.workers!, '--json']);
  const result = JSON.parse(c.stdout.trim().split('\n').pop()!).result;
  if (!result.ok) throw new Error(`studio build failed: ${result.error?.message}`);
  rows.push({ type, tool: `studio cli (${opt.workers} workers)`, wallS: c.wallS, buildS: (result.timingsMs.build + result.timingsMs.commit) / 1000, peakRssMiB: c.peakRssMiB });

  const uri = fresh();
  const t0 = performance.now();
  const warm = await startBuild(engine, { target: { uri, storageOptions: {} }, column, indexType: type, workers: Number(opt.workers) }, () => undefined, { lancedbCheck: false }).result;
  if (!warm.ok) throw new Error(`warm build failed: ${warm.error?.message}`);
  rows.push({ type, tool: `studio warm (${opt.workers} workers)`, wallS: (performance.now() - t0) / 1000, buildS: (warm.timingsMs.build + warm.timingsMs.commit) / 1000 });
}

// Merged vs per-batch segments: build both ways, then time the same queries.
const latency: string[] = [];
for (const [type, kind] of [['FTS', 'fts'], ['BTREE', 'btree']] as const) {
  for (const merge of [true, false]) {
    const uri = fresh();
    const r = await startBuild(engine, { target: { uri, storageOptions: {} }, column: COLUMN[type]!, indexType: type, workers: Number(opt.workers), mergeSegments: merge }, () => undefined, { lancedbCheck: false }).result;
    if (!r.ok) throw new Error(r.error?.message);
    const q = await measure(py, [resolve('bench/query-latency.py'), uri, kind, COLUMN[type]!]);
    const qj = JSON.parse(q.stdout);
    latency.push(`| ${type} | ${merge ? 'merged (1 segment)' : `per batch (${r.segmentUuids?.length} segments)`} | ${qj.median_ms.toFixed(2)} | ${qj.p90_ms.toFixed(2)} | ${((r.timingsMs.build + r.timingsMs.commit) / 1000).toFixed(2)} |`);
  }
}
await engine.close();

const f = (n: number | undefined, d = 2) => (n === undefined ? '' : n.toFixed(d));
const report = [
  `# Benchmark (${new Date().toISOString()})`,
  '',
  `${opt.rows} rows, ${opt.fragments} fragments (uneven), ${opt.workers} workers; machine: ${(await import('node:os')).cpus().length} cores.`,
  'wall = whole process (start-up included) or, for "warm", the build call on running workers; build = index build (+ commit for studio).',
  '',
  '| index | tool | wall s | build s | peak RSS MiB (process tree) |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.type} | ${r.tool} | ${f(r.wallS)} | ${f(r.buildS)} | ${f(r.peakRssMiB, 0)} |`),
  '',
  '## Query latency: merged vs per-batch segments (warm cache, 30 queries)',
  '',
  '| index | segments | median ms | p90 ms | build+commit s |',
  '|---|---|---|---|---|',
  ...latency,
  '',
].join('\n');
console.log('\n' + report);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', report);
rmSync(root, { recursive: true, force: true });
