/** Shared by the fault-injection tests: real datasets in temp dirs, byte-for-byte snapshots. */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { LocalEngine } from '@engine/local-engine.js';
import { startBuild } from '@core/build-coordinator.js';
import type { BuildEvent, BuildRequest, BuildResult } from '@shared/contract/build.js';
import { PROJECT_ROOT, pythonExecutable, engineEnv } from '@engine/python-env.js';

export function tempDir(prefix = 'lis-fault-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under the dataset with its sha256: equal snapshots mean byte-for-byte unchanged. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function indexDirs(uri: string): string[] {
  try {
    return readdirSync(join(uri, '_indices')).sort();
  } catch {
    return [];
  }
}

export function copyDataset(src: string, dest: string): string {
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** Runs a build in-process on a real engine and collects its events. */
export async function build(
  engine: LocalEngine,
  request: BuildRequest,
  onEvent?: (e: BuildEvent, run: { cancel(): void }) => void,
): Promise<{ result: BuildResult; events: BuildEvent[] }> {
  const events: BuildEvent[] = [];
  // Filled right after the start; a listener may be called before that (the first events).
  const started: { run?: ReturnType<typeof startBuild> } = {};
  const listener = (e: BuildEvent) => {
    events.push(e);
    onEvent?.(e, { cancel: () => started.run?.cancel() });
  };
  const run = (started.run = startBuild(engine, request, listener, { lancedbCheck: false }));
  return { result: await run.result, events };
}

/** Runs a Python snippet with the engine's interpreter (pylance), as another process would. */
export function python(code: string): string {
  const r = spawnSync(pythonExecutable(), ['-c', code], { env: engineEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout.trim();
}

export function datasetVersion(uri: string): number {
  return Number(python(`import lance; print(lance.dataset(${JSON.stringify(uri)}).version)`));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves true once `cond` holds, false if it doesn't within `timeoutMs`: a bounded wait on a
 * condition, checked on every turn of the event loop (so builds in this process keep running).
 */
export async function pollUntil(cond: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setImmediate(r));
  }
  return true;
}

export const CLI = join(PROJECT_ROOT, 'bin', 'lance-index.js');

/**
 * One warm engine and one sample dataset for a test file; tests copy the dataset when they
 * change it. Returns getters because the values exist only once beforeAll has run.
 */
export function useEngineAndSample(rows: number, fragments: number, name = 'reviews.lance') {
  let engine: LocalEngine | undefined;
  let dir = '';
  let uri = '';
  beforeAll(async () => {
    engine = new LocalEngine();
    dir = tempDir();
    uri = join(dir, name);
    await engine.writeSample({ out: uri, rows, fragments });
  });
  afterAll(async () => {
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { engine: () => engine!, uri: () => uri, dir: () => dir };
}
