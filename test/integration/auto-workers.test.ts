/**
 * `--workers` left out means auto: as many workers as pay for themselves, never more than the
 * CPUs or the fragments. A 1M-row BTREE is ~0.2 s of work (one worker: a second costs more than
 * it saves); an FTS over 400K reviews is ~2 s (two or more workers, where there are the CPUs).
 * A BTREE over more rows than its batch cap runs in rounds: more batches than workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildOk, runCli } from '../helpers/cli.js';
import { PYTHON } from '../helpers/paths.js';
import { INDEX_TYPE_INFO } from '@shared/index-types';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let ints: string;
let reviews: string;
let manyInts: string;

beforeAll(async () => {
  root = await makeTempDir('auto-workers');
  ints = join(root, 'ints.lance');
  reviews = join(root, 'reviews.lance');
  execFileSync(
    PYTHON,
    [
      '-c',
      [
        'import sys, lance, numpy as np, pyarrow as pa',
        "t = pa.table({'v': pa.array(np.random.default_rng(1).integers(0, 1 << 40, 1_000_000))})",
        'lance.write_dataset(t, sys.argv[1], max_rows_per_file=62_500)',
      ].join('\n'),
      ints,
    ],
    { env: { ...process.env, LANCE_LOG: 'error' } },
  );
  manyInts = join(root, 'many-ints.lance');
  const cap = INDEX_TYPE_INFO.BTREE.speed.maxBatchRows!;
  execFileSync(
    PYTHON,
    [
      '-c',
      [
        'import sys, lance, numpy as np, pyarrow as pa',
        // Just over two workers' worth of capped batches: 2.1 caps in 21 fragments.
        `n = ${Math.round(cap * 2.1)}`,
        "t = pa.table({'v': pa.array(np.random.default_rng(2).integers(0, 1 << 40, n))})",
        'lance.write_dataset(t, sys.argv[1], max_rows_per_file=n // 21)',
      ].join('\n'),
      manyInts,
    ],
    { env: { ...process.env, LANCE_LOG: 'error' } },
  );
  const sample = await runCli(['sample', '--out', reviews, '--rows', '400000', '--fragments', '8']);
  expect(sample.code, sample.stderr).toBe(0);
}, 120_000);
afterAll(() => removeDir(root));

describe('--workers omitted (auto)', () => {
  it('a small BTREE runs on one worker, and the plan says why', async () => {
    const run = await buildOk(['--uri', ints, '--column', 'v', '--type', 'BTREE']);
    const plan = run.result.plan!;
    expect(plan.workers).toHaveLength(1);
    expect(plan.autoWorkers).toMatch(/^1 worker for ~0\.\d s of BTREE work: (a second would cost more than it saves|one CPU)$/);
    expect(run.result.batches).toHaveLength(1);
    expect(run.result.verification?.ok).toBe(true);
  });

  it('an FTS with seconds of work runs on more than one worker where there are CPUs for them, no more than CPUs or fragments', async () => {
    const run = await buildOk(['--uri', reviews, '--column', 'review', '--type', 'FTS']);
    const plan = run.result.plan!;
    const cpus = availableParallelism();
    expect(plan.workers.length).toBeGreaterThanOrEqual(Math.min(2, cpus));
    expect(plan.workers.length).toBeLessThanOrEqual(Math.min(cpus, 8));
    expect(plan.autoWorkers).toMatch(new RegExp(`^${plan.workers.length} workers? for ~\\d+\\.\\d s of FTS work: `));
    expect(plan.balancedBy).toBe('bytes');
    expect(run.result.verification?.ok).toBe(true);
  });

  it('a BTREE over more rows than its batch cap runs in rounds: more batches than workers, a segment each, all covered', async () => {
    const cap = INDEX_TYPE_INFO.BTREE.speed.maxBatchRows!;
    const run = await buildOk(['--uri', manyInts, '--column', 'v', '--type', 'BTREE']);
    const cpus = availableParallelism();
    const batches = run.result.batches!;
    const workersUsed = new Set(batches.map((b) => b.worker)).size;
    expect(batches.length).toBeGreaterThan(workersUsed);
    expect(workersUsed).toBeLessThanOrEqual(cpus);
    const atOnce = run.events.find((e) => e.type === 'concurrency');
    expect(atOnce && 'atOnce' in atOnce ? atOnce.atOnce : undefined).toBe(Math.min(cpus, batches.length));
    // Balanced largest first, so a batch may pass the cap by less than one fragment.
    const fragmentRows = Math.round(cap * 2.1) / 21;
    for (const b of batches) expect(b.rows).toBeLessThanOrEqual(cap + fragmentRows);
    expect(run.result.plan!.autoWorkers).toMatch(
      new RegExp(`^${batches.length} batches for ~\\d\\.\\d s of BTREE work, \\d+ at a time, of about ${cap / 1_000_000}M rows or fewer each: `),
    );
    expect(run.result.segmentUuids).toHaveLength(batches.length);
    expect(run.result.indexedFragmentIds).toHaveLength(21);
    expect(run.result.verification?.ok).toBe(true);
  }, 120_000);

  it('the plan command chooses the same count, and auto without a column is refused', async () => {
    const plan = await runCli(['plan', '--uri', ints, '--column', 'v', '--type', 'BTREE']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('workers: auto, 1 worker for ~0.');
    const bare = await runCli(['plan', '--uri', ints]);
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim()).toBe('error: --workers auto needs --column and --type (how much work there is); or give a number.');
  });
});
