/**
 * Where the Python engine lives and which interpreter runs it. Which Python is decided by
 * engine-location.ts (LANCE_INDEX_PYTHON, the checkout's .venv, the per-user engine, python3).
 */
import { join, resolve } from 'node:path';
import { APP_LAYOUT } from './app-layout.js';
import { locateEngine } from './engine-location.js';

/** The oldest pylance whose create_index_uncommitted builds all our scalar types as segments. */
export const MIN_PYLANCE = '10.0.0';
/** Sets up the per-user engine (a venv with the exact pins); the window's Engine screen does the same. */
export const SETUP_COMMAND = 'lance-index engine setup';

export const PROJECT_ROOT = APP_LAYOUT.root;
export const ENGINE_DIR = APP_LAYOUT.engineDir;
/** Run as a file so Python puts engine/python first on its import path and never the current folder. */
export const ENGINE_SCRIPT = join(ENGINE_DIR, 'run_engine.py');

/**
 * The interpreter's arguments for an engine process. -E: no PYTHON* variable can add folders
 * (a PYTHONPATH holding '.' or an empty entry would add the current one); -u and -B stand in for
 * the PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE that -E makes Python ignore. `lanes`: how many
 * calls the engine runs at once, on threads (lance_engine/server.py; 1: one at a time).
 */
export function engineArgs(lanes = 1): string[] {
  return ['-E', '-u', '-B', resolve(ENGINE_SCRIPT), ...(lanes > 1 ? ['--lanes', String(lanes)] : [])];
}

/** The engine's interpreter as things stand now (looked up on each call: a set-up may have just made one). */
export function pythonExecutable(): string {
  return locateEngine().python;
}

/** The environment a Python engine starts with: only what it needs, nothing inherited that could change Lance's behaviour unexpectedly. */
export function engineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // Don't let a parent's Node/Electron settings leak into Python, or a stray PYTHONHOME break the venv.
  for (const k of ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'PYTHONHOME', 'PYTHONSTARTUP']) delete env[k];
  // For scripts run with this environment (tests, tools); the engine itself ignores it (-E).
  env.PYTHONPATH = resolve(ENGINE_DIR) + (base.PYTHONPATH ? `:${base.PYTHONPATH}` : '');
  env.PYTHONUNBUFFERED = '1';
  env.PYTHONDONTWRITEBYTECODE = '1';
  env.LANCE_LOG = base.LANCE_LOG ?? 'error';
  return env;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
