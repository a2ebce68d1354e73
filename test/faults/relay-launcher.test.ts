/**
 * The relay launcher: the worker process Electron forks with utilityProcess, here forked with
 * child_process. It must build like the direct launcher and never leave Python orphaned.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { RelayLauncher } from '@engine/local/process-launcher.js';
import { PROJECT_ROOT } from '@engine/python-env.js';
import { build, isAlive, pollUntil, tempDir } from './support.js';

let engine: LocalEngine;
let uri: string;

beforeAll(async () => {
  spawnSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit', cwd: PROJECT_ROOT });
  engine = new LocalEngine(new RelayLauncher(join(PROJECT_ROOT, 'out', 'node', 'worker.js')));
  uri = join(tempDir(), 'relay.lance');
  await engine.writeSample({ out: uri, rows: 30_000, fragments: 4 });
});
afterAll(() => engine?.close());

const pythonChildOf = (pid: number): number | undefined =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .find((p) => {
      try {
        return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    });

it('builds, commits and verifies through relay workers', async () => {
  const { result } = await build(engine, { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 });
  expect(result.ok, result.error?.message).toBe(true);
  expect(result.verification?.ok).toBe(true);
});

it('a killed relay takes its Python engine down with it, and the batch is retried', async () => {
  let relayPid = 0;
  let enginePid: number | undefined;
  const { result, events } = await build(
    engine,
    { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2, name: 'relay_retry' },
    (e) => {
      if (e.type === 'batch-started' && e.attempt === 1 && e.batch === 0 && e.pid) {
        relayPid = e.pid;
        enginePid = pythonChildOf(e.pid);
        process.kill(e.pid, 'SIGKILL');
      }
    },
  );
  expect(relayPid).toBeGreaterThan(0);
  expect(enginePid).toBeGreaterThan(0);
  expect(result.ok, result.error?.message).toBe(true);
  expect(result.batches.find((b) => b.batch === 0)?.attempts).toBe(2);
  const starts = events.flatMap((e) => (e.type === 'batch-started' && e.batch === 0 ? [e] : []));
  expect(starts.map((e) => e.attempt)).toEqual([1, 2]);
  expect(starts[1]!.worker).not.toBe(starts[0]!.worker); // the retry ran on another worker
  // Python saw its stdin close and exited by itself.
  expect(await pollUntil(() => !isAlive(enginePid!))).toBe(true);
});
