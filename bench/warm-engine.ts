/**
 * The app's warm engine for the benchmark (`lance-index engine start`, in a folder of the run's
 * own): started once before the builds like lance-ray's Ray head, its start-up reported apart,
 * its process tree (idle part included) sampled with each warm run's CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './paths.js';
import { treeRssMiB } from './process-tree.js';

export interface WarmEngine {
  pid: number;
  /** The CLI's environment that points it at this warm engine. */
  env: NodeJS.ProcessEnv;
  startS: number;
  idleRssMiB: number;
  stop: () => void;
}

/** A folder that never exists: the other app runs must start their engines themselves. */
export const NO_WARM_ENGINE_ENV = { LANCE_INDEX_WARM_DIR: '/nonexistent/lance-index-bench-no-warm-engine' };

export function startWarmEngine(workRoot: string): WarmEngine {
  const folder = join(workRoot, 'warm');
  mkdirSync(folder, { mode: 0o700 });
  const env = { ...process.env, LANCE_INDEX_WARM_DIR: folder };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'engine', 'start', '--idle-timeout', '600', '--json'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lance-index engine start failed (exit ${r.status}): ${r.stderr.trim()}`);
  const startS = (performance.now() - t0) / 1000;
  const pid = (JSON.parse(r.stdout) as { pid: number }).pid;
  return {
    pid,
    env,
    startS,
    idleRssMiB: treeRssMiB([pid]),
    stop: () => {
      spawnSync(process.execPath, [CLI, 'engine', 'stop'], { env, encoding: 'utf8' });
    },
  };
}
