/**
 * What the window shows about a running build is true of the real processes: how many batches
 * run at once (and that the rest wait), each worker's CPU and memory read from its own process,
 * the workers' lower priority, and a cleanup after a cancel that survives meeting a dying worker.
 */
import { describe, expect, it } from 'vitest';
import { availableParallelism, getPriority } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { PythonLauncher, type EngineChannel, type ProcessLauncher } from '@engine/local/process-launcher.js';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state.js';
import type { BuildEvent } from '@shared/contract/build.js';
import { build, copyDataset, indexDirs, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(240_000, 8, 'reviews.lance');
const fts = (uri: string, workers: number) => ({ target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers });

/** Field 19 of /proc/<pid>/stat: the niceness the process runs at. */
function niceness(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('concurrency, resources and priority', () => {
  it('more workers than CPUs: the build says how many run at once, no more ever run, and the rest wait', async () => {
    const cpus = availableParallelism();
    const workers = cpus + 2;
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'more-than-cpus', 'reviews.lance'));
    let state: BuildState = initialBuildState('x');
    let most = 0;
    const { result, events } = await build(sample.engine(), fts(uri, workers), (e) => {
      state = applyBuildEvent(state, e);
      most = Math.max(most, state.batches.filter((b) => b.state === 'running').length);
    });
    expect(result.ok, result.error?.message).toBe(true);
    const said = events.filter((e): e is Extract<BuildEvent, { type: 'concurrency' }> => e.type === 'concurrency');
    expect(said.map((e) => [e.atOnce, e.reason])).toEqual([[cpus, `${cpus} CPU${cpus === 1 ? '' : 's'}`]]);
    expect(most).toBe(cpus);
    // A batch past the first `cpus` started only once an earlier one had ended, so it waited.
    const late = state.batches.slice(cpus);
    expect(late.every((b) => b.waitedMs !== null && b.waitedMs > 0)).toBe(true);
    const firstEnd = Math.min(...state.batches.map((b) => b.endedAt ?? Infinity));
    expect(late.every((b) => (b.queuedAt ?? 0) + (b.waitedMs ?? 0) >= firstEnd)).toBe(true);
    // A batch's time is its run, from its start: the wait is not counted in it (events' ms are rounded).
    for (const b of state.batches) expect(b.elapsedMs!).toBeLessThanOrEqual(b.endedAt! - b.queuedAt! - b.waitedMs! + 2);
  });

  it("each running batch reports its own worker process's CPU and memory, read from /proc", async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'resources', 'reviews.lance'));
    const engines = new Set(sample.engine().pool.pids());
    const { result, events } = await build(sample.engine(), fts(uri, 1));
    expect(result.ok, result.error?.message).toBe(true);
    const readings = events.filter((e): e is Extract<BuildEvent, { type: 'batch-resources' }> => e.type === 'batch-resources');
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) {
      expect(engines.has(r.pid) || sample.engine().pool.pids().includes(r.pid)).toBe(true);
      expect(r.rssBytes).toBeGreaterThan(50 * 1024 * 1024); // pyarrow and Lance are loaded
      expect(r.cpuPercent).toBeGreaterThanOrEqual(0);
    }
    // An FTS build keeps its worker busy: some reading shows real CPU use.
    expect(Math.max(...readings.map((r) => r.cpuPercent))).toBeGreaterThan(10);
  });

  it('workers run at a lower priority than the process that started them', async () => {
    await sample.engine().info();
    const pids = sample.engine().pool.pids();
    expect(pids.length).toBeGreaterThan(0);
    const own = getPriority();
    for (const pid of pids) expect(niceness(pid)).toBe(Math.min(19, own + 10));
    expect(getPriority()).toBe(own); // this process (the window's host) keeps its own
  });
});

/** Real engine processes; the first that is asked to `discard` is SIGKILLed as the request reaches it. */
class KillAtDiscardLauncher implements ProcessLauncher {
  readonly kind = 'child_process (killed at discard)';
  private readonly inner = new PythonLauncher();
  killed = 0;
  launch(): EngineChannel {
    const channel = this.inner.launch();
    const send = channel.send.bind(channel);
    channel.send = (m: object) => {
      send(m);
      if ((m as { method?: string }).method === 'discard' && this.killed++ === 0) channel.kill('SIGKILL');
    };
    return channel;
  }
}

describe('cleanup after a cancel', () => {
  it("removes the build's folders even when the worker it asks dies under the request", async () => {
    const launcher = new KillAtDiscardLauncher();
    const engine = new LocalEngine(launcher);
    try {
      const uri = copyDataset(sample.uri(), join(sample.dir(), 'cleanup', 'reviews.lance'));
      const before = indexDirs(uri);
      // Cancel once one batch is done: its segment folder exists and is this build's to remove.
      const { result, events } = await build(engine, fts(uri, 2), (e, run) => {
        if (e.type === 'batch-done') run.cancel();
      });
      expect(result.error?.kind).toBe('cancelled');
      expect(launcher.killed).toBeGreaterThan(0);
      const logs = events.filter((e): e is Extract<BuildEvent, { type: 'log' }> => e.type === 'log').map((e) => e.message);
      expect(logs.filter((m) => /Could not remove/.test(m))).toEqual([]);
      expect(logs.some((m) => /^Removed \d+ uncommitted index folder/.test(m))).toBe(true);
      expect(indexDirs(uri)).toEqual(before);
    } finally {
      await engine.close();
    }
  });
});
