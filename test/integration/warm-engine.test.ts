/**
 * The warm engine through the real CLI: `engine start|status|stop`, and CLI builds forking their
 * engine from it instead of starting Python. Engine starts are counted by an interpreter wrapper
 * that notes each one (the warm engine's own start among them).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { buildOk, runCli } from '../helpers/cli.js';
import { EngineStarts } from '../helpers/engine-starts.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let reviews: string;
let starts: EngineStarts;
let folderCount = 0;
const runningPids: number[] = [];

beforeAll(async () => {
  root = await makeTempDir('warm-engine');
  reviews = join(root, 'reviews.lance');
  starts = new EngineStarts(root);
  const sample = await runCli(['sample', '--out', reviews, '--rows', '40000', '--fragments', '4']);
  expect(sample.code, sample.stderr).toBe(0);
}, 120_000);

afterEach(() => {
  // A warm engine outlives the CLI that started it: each test's is stopped here, whatever happened.
  for (const pid of runningPids.splice(0)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
afterAll(() => removeDir(root));

/** A fresh warm-engine folder and the environment that points the CLI at it, with a counting Python. */
function setting(pythonName = 'python') {
  const folder = join(root, `w${++folderCount}`);
  return { folder, env: { LANCE_INDEX_PYTHON: starts.wrapper(pythonName), LANCE_INDEX_WARM_DIR: folder } };
}

async function startWarm(env: NodeJS.ProcessEnv): Promise<number> {
  const run = await runCli(['engine', 'start', '--idle-timeout', '10', '--json'], 60_000, env);
  expect(run.code, run.stderr).toBe(0);
  const pid = (JSON.parse(run.stdout) as { pid: number }).pid;
  runningPids.push(pid);
  return pid;
}

const batchPids = (events: BuildEvent[]) => new Set(events.flatMap((e) => (e.type === 'batch-started' ? [e.pid!] : [])));
const fts = (name: string, ...more: string[]) => ['--uri', reviews, '--column', 'review', '--type', 'FTS', '--workers', '2', '--name', name, ...more];

describe('the warm engine', () => {
  it('is started by `engine start`, and a build forks its engine from it instead of starting Python', async () => {
    const { env } = setting();
    const before = await runCli(['engine', 'status'], 30_000, env);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('No warm engine is running');

    let warmPid = 0;
    const warmStarts = await starts.during(async () => (warmPid = await startWarm(env)));
    expect(warmStarts).toHaveLength(1);
    expect(warmStarts[0]).toContain('--warm-socket');

    let events: BuildEvent[] = [];
    const buildStarts = await starts.during(async () => {
      const run = await buildOk(fts('warm_idx'), { env });
      expect(run.result.verification?.ok).toBe(true);
      events = run.events;
    });
    expect(buildStarts).toHaveLength(0);
    // Both batches ran on lanes of one forked engine: a process that is neither the warm engine nor new Python.
    const pids = batchPids(events);
    expect(pids.size).toBe(1);
    expect(pids.has(warmPid)).toBe(false);

    const status = await runCli(['engine', 'status', '--json'], 30_000, env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, used: true, pid: warmPid, engines: [] });
  });

  it('forks an engine per worker for a build whose batches can time out', async () => {
    const { env } = setting();
    await startWarm(env);
    let pids = new Set<number>();
    const buildStarts = await starts.during(async () => {
      pids = batchPids((await buildOk(fts('own_idx', '--batch-timeout', '600'), { env })).events);
    });
    expect(buildStarts).toHaveLength(0);
    expect(pids.size).toBe(2);
  });

  it('is not used by a CLI that would run another interpreter, and says so', async () => {
    const { env } = setting();
    await startWarm(env);
    const other = { ...env, LANCE_INDEX_PYTHON: starts.wrapper('other-python') };
    const buildStarts = await starts.during(() => buildOk(fts('other_idx'), { env: other }));
    expect(buildStarts).toHaveLength(1);
    expect(buildStarts[0]).not.toContain('--warm-socket');
    const status = await runCli(['engine', 'status'], 30_000, other);
    expect(status.stdout).toContain('CLI commands do NOT use it');
  });

  it('gives way to a cold engine when its socket is gone', async () => {
    const { folder, env } = setting();
    await startWarm(env);
    renameSync(join(folder, 'engine.sock'), join(folder, 'moved.sock'));
    const buildStarts = await starts.during(async () => {
      const run = await buildOk(fts('fallback_idx'), { env });
      expect(run.result.verification?.ok).toBe(true);
    });
    expect(buildStarts).toHaveLength(1);
    expect(buildStarts[0]).not.toContain('--warm-socket');
  });

  it('stops with `engine stop`; the next build starts its own engine', async () => {
    const { env } = setting();
    const pid = await startWarm(env);
    const stop = await runCli(['engine', 'stop'], 30_000, env);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`Warm engine (pid ${pid}) stopped taking callers`);
    expect((await runCli(['engine', 'status'], 30_000, env)).code).toBe(1);
    const buildStarts = await starts.during(() => buildOk(fts('after_stop_idx'), { env }));
    expect(buildStarts).toHaveLength(1);
    expect((await runCli(['engine', 'stop'], 30_000, env)).stdout).toContain('No warm engine is running');
  });

  it('is not fooled by the info file of a killed warm engine whose pid another process has taken', async () => {
    const { folder, env } = setting();
    mkdirSync(folder, { mode: 0o700 });
    // This test's own process is alive, and listens on no socket there.
    const stale = { pid: process.pid, socket: join(folder, 'engine.sock'), fingerprint: 'x', pylance: '14.0.2', idle_timeout_s: 60, started_at: 0 };
    writeFileSync(join(folder, 'engine.json'), JSON.stringify(stale));
    const status = await runCli(['engine', 'status'], 30_000, env);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('No warm engine is running');
    const pid = await startWarm(env);
    expect(pid).not.toBe(process.pid);
    expect(await starts.during(() => buildOk(fts('after_stale_idx'), { env }))).toHaveLength(0);
  });

  it('refuses a folder open to others, naming it, and starts nothing', async () => {
    const { folder, env } = setting();
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const started = await starts.during(async () => {
      const run = await runCli(['engine', 'start'], 30_000, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`The warm engine's folder ${folder} is open to others (mode 755; it must be 700)`);
    });
    expect(started).toHaveLength(0);
  });

  it('refuses a bad --idle-timeout, naming the value and what is accepted', async () => {
    const { env } = setting();
    const run = await runCli(['engine', 'start', '--idle-timeout', '0'], 30_000, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--idle-timeout must be a whole number of at least 1; got '0'");
  });
});
