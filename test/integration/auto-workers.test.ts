/**
 * `--workers` left out means auto: as many workers as pay for themselves, never more than the
 * CPUs or the fragments. A 1M-row BTREE is ~0.2 s of work (one worker: a second costs more than
 * it saves); an FTS over 400K reviews is ~2 s (two or more workers, where there are the CPUs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildOk, runCli } from '../helpers/cli.js';
import { PYTHON } from '../helpers/paths.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let ints: string;
let reviews: string;

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

  it('the plan command chooses the same count, and auto without a column is refused', async () => {
    const plan = await runCli(['plan', '--uri', ints, '--column', 'v', '--type', 'BTREE']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('workers: auto, 1 worker for ~0.');
    const bare = await runCli(['plan', '--uri', ints]);
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim()).toBe('error: --workers auto needs --column and --type (how much work there is); or give a number.');
  });
});
