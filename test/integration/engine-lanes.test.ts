/**
 * The CLI's engine (electron/cli/cli-engine-shape.ts): one Python process with a lane per CPU
 * runs every batch of a build, started before the CLI's code loads; with --batch-timeout each
 * worker gets a process of its own. Counted by an interpreter wrapper that notes every start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { buildOk, runCli } from '../helpers/cli.js';
import { EngineStarts } from '../helpers/engine-starts.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let reviews: string;
let wrapper: string;
let starts: EngineStarts;

beforeAll(async () => {
  root = await makeTempDir('engine-lanes');
  reviews = join(root, 'reviews.lance');
  starts = new EngineStarts(root);
  wrapper = starts.wrapper();
  const sample = await runCli(['sample', '--out', reviews, '--rows', '60000', '--fragments', '4']);
  expect(sample.code, sample.stderr).toBe(0);
}, 120_000);
afterAll(() => removeDir(root));

const of = <T extends BuildEvent['type']>(events: BuildEvent[], type: T) => events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);

// Lanes are one per CPU: on one CPU the CLI runs a process per worker, which the other tests cover.
const oneCpu = availableParallelism() < 2;
describe.skipIf(oneCpu)(`the CLI engine${oneCpu ? ' (skipped: lanes need 2 or more CPUs; this machine has 1)' : ''}`, () => {
  it('runs two batches at once on lanes of one engine process, the one it started first', async () => {
    let events: BuildEvent[] = [];
    const started = await starts.during(async () => {
      const run = await buildOk(['--uri', reviews, '--column', 'review', '--type', 'FTS', '--workers', '2', '--name', 'lanes_idx'], {
        env: { LANCE_INDEX_PYTHON: wrapper },
      });
      expect(run.result.verification?.ok).toBe(true);
      events = run.events;
    });
    // One process for the whole command: the early start was taken, no second engine was started.
    expect(started).toHaveLength(1);
    expect(started[0]).toContain(`--lanes ${availableParallelism()}`);
    const batchStarts = of(events, 'batch-started');
    expect(new Set(batchStarts.map((e) => e.worker))).toEqual(new Set([0, 1]));
    expect(new Set(batchStarts.map((e) => e.pid)).size).toBe(1);
    // At once, not in turn: each batch reported progress before the other one finished.
    const firstDone = events.findIndex((e) => e.type === 'batch-done');
    const doneBatch = (events[firstDone] as Extract<BuildEvent, { type: 'batch-done' }>).batch;
    const otherProgress = events.findIndex((e) => e.type === 'batch-progress' && e.batch !== doneBatch);
    expect(otherProgress).toBeGreaterThanOrEqual(0);
    expect(otherProgress).toBeLessThan(firstDone);
  });

  it('gives each worker a process of its own when batches can time out', async () => {
    let pids = new Set<number>();
    const started = await starts.during(async () => {
      const run = await buildOk(['--uri', reviews, '--column', 'review', '--type', 'FTS', '--workers', '2', '--batch-timeout', '600', '--name', 'own_idx'], {
        env: { LANCE_INDEX_PYTHON: wrapper },
      });
      pids = new Set(of(run.events, 'batch-started').map((e) => e.pid!));
    });
    expect(started).toHaveLength(2);
    expect(started.every((s) => !s.includes('--lanes'))).toBe(true);
    expect(pids.size).toBe(2);
  });

  it('starts no engine for --help', async () => {
    const started = await starts.during(() => runCli(['build', '--uri', reviews, '--help'], 30_000, { LANCE_INDEX_PYTHON: wrapper }));
    expect(started).toHaveLength(0);
  });
});
