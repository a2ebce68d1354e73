/** Shared by the Ray tests: one real cluster per test file, and the CLI pointed at it. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startRayCluster, type RayTestCluster } from '../helpers/ray-cluster.js';

export function useRayCluster(opts: { headCpus?: number; workers?: number[] } = {}): { cluster(): RayTestCluster } {
  let cluster: RayTestCluster | undefined;
  beforeAll(async () => {
    cluster = await startRayCluster(opts);
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);
  return {
    cluster: () => {
      if (!cluster) throw new Error('the Ray cluster did not start (see beforeAll)');
      return cluster;
    },
  };
}

/** `build`/`cluster` flags that point the CLI at the test cluster. */
export function rayFlags(c: RayTestCluster): string[] {
  return ['--engine', 'ray', '--ray-address', c.address, '--ray-token', c.token];
}

/**
 * The first process on this machine running a Ray task of this name (Ray titles a worker
 * `ray::<task>` while it runs one) that `accept` takes. Found by looking every 20 ms, so a task
 * can be caught while it runs even when the job's log reports its start a second later.
 */
export function catchTaskProcess(taskName: string, accept: (pid: number) => boolean = () => true): { found: Promise<number>; stop(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const found = new Promise<number>((resolve) => {
    timer = setInterval(() => {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let title: string;
        try {
          title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        } catch {
          continue;
        }
        if (title.startsWith(`ray::${taskName}`) && accept(Number(entry))) {
          clearInterval(timer);
          resolve(Number(entry));
          return;
        }
      }
    }, 20);
  });
  return { found, stop: () => clearInterval(timer) };
}

/** Whether a process runs in a folder (a Ray node's workers run in that node's temp folder). */
export function runsIn(pid: number, dir: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
  } catch {
    return false;
  }
}
