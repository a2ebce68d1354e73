/**
 * Balancing by bytes on text whose fragments differ 5x in document length (rows look even, the
 * work is not): the plan the CLI shows and the one a build runs balance the column's bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Plan } from '@shared/contract/build.js';
import { buildOk, runCli } from '../helpers/cli.js';
import { PYTHON } from '../helpers/paths.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let uri: string;

beforeAll(async () => {
  root = await makeTempDir('balance-bytes');
  uri = join(root, 'uneven', 'docs.lance');
  // Four fragments of 1,000 rows; 0 and 2 hold documents 5x longer than 1 and 3. By rows (all
  // equal, ties by id) fragments 0 and 2 go to one worker: five times the text of the other's.
  execFileSync(
    PYTHON,
    [
      '-c',
      [
        'import sys, lance, pyarrow as pa',
        'def frag(start, words):',
        "    return pa.table({'id': pa.array(range(start, start + 1000), pa.int64()), 'text': pa.array([' '.join(f'w{(i * 7 + j) % 500}' for j in range(words)) for i in range(start, start + 1000)], pa.string())})",
        'for f in range(4):',
        "    lance.write_dataset(frag(f * 1000, 50 if f % 2 == 0 else 10), sys.argv[1], mode='create' if f == 0 else 'append')",
      ].join('\n'),
      uri,
    ],
    { env: { ...process.env, LANCE_LOG: 'error' } },
  );
});
afterAll(() => removeDir(root));

async function planOf(extra: string[]): Promise<Plan> {
  const run = await runCli(['plan', '--uri', uri, '--workers', '2', '--column', 'text', '--type', 'FTS', '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Plan;
}

describe('balance by bytes', () => {
  it('for text, by default: each worker gets the same bytes, one long and one short fragment', async () => {
    const plan = await planOf([]);
    expect(plan.balancedBy).toBe('bytes');
    const [a, b] = plan.workers.map((w) => w.bytes!);
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(1.1);
    expect(plan.workers.map((w) => w.fragmentIds.slice().sort())).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('by rows, as asked: rows even, and both long fragments on one worker', async () => {
    const plan = await planOf(['--balance-by', 'rows']);
    expect(plan.balancedBy).toBe('rows');
    expect(plan.workers.map((w) => w.rows)).toEqual([2000, 2000]);
    expect(plan.workers.map((w) => w.fragmentIds)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('a build runs the plan it showed, and commits', async () => {
    const shown = await planOf([]);
    const run = await buildOk(['--uri', uri, '--column', 'text', '--type', 'FTS', '--workers', '2']);
    expect(run.result.plan?.balancedBy).toBe('bytes');
    expect(run.result.plan?.workers.map((w) => w.fragmentIds)).toEqual(shown.workers.map((w) => w.fragmentIds));
    expect(run.result.verification?.ok).toBe(true);
  });

  it('--balance-by with a wrong value: exit 2 naming it and the choices', async () => {
    const run = await runCli(['build', '--uri', uri, '--column', 'text', '--type', 'FTS', '--balance-by', 'weight']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--balance-by must be auto, rows, bytes; got 'weight'\./);
  });
});
