/**
 * Which Python runs the engine, looked at in this order:
 *   1. LANCE_INDEX_PYTHON (a person's explicit choice for this run);
 *   2. the checkout's .venv (made by scripts/setup.sh; skipped with LANCE_INDEX_NO_CHECKOUT_VENV=1,
 *      e.g. to try the installed app's first run from a checkout);
 *   3. in the per-user data folder: an existing Python chosen in the window (engine-python.json),
 *      then the engine venv made by `lance-index engine setup` / the Engine screen (engine-venv/);
 *   4. python3 on PATH, which may have pylance of its own.
 * The per-user venv carries a stamp of the pins it was made with: made for other pins (the app
 * was updated), it is reported as needing set-up again instead of being used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineSource } from '@shared/contract/engine-setup.js';
import { APP_LAYOUT } from './app-layout.js';
import { pinsDigest } from './pins.js';

export const ENGINE_VENV_DIR = 'engine-venv';
/** Written into the venv last, just before it is moved into place: a venv without it is not ours. */
export const ENGINE_STAMP_FILE = 'lance-index-engine.json';
export const CHOSEN_PYTHON_FILE = 'engine-python.json';

export interface EngineStamp {
  pins: string;
  pylance: string;
  python: string;
  basePython: string;
  createdAt: string;
}

export interface EngineLocation {
  python: string;
  source: EngineSource;
  dataDir: string;
  /** The per-user engine exists but was made for other pins. */
  pinsChanged?: { setUpFor: string };
}

export interface LocateOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  root?: string;
  engineDir?: string;
}

/** The per-user data folder: recent datasets and the engine. Electron's main sets LANCE_INDEX_STATE_DIR to its userData. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LANCE_INDEX_STATE_DIR || join(homedir(), '.lance-index-studio');
}

export function venvPython(venvDir: string): string {
  return process.platform === 'win32' ? join(venvDir, 'Scripts', 'python.exe') : join(venvDir, 'bin', 'python');
}

export const engineVenvDir = (dataDir: string): string => join(dataDir, ENGINE_VENV_DIR);

export function readStamp(venvDir: string): EngineStamp | undefined {
  try {
    return JSON.parse(readFileSync(join(venvDir, ENGINE_STAMP_FILE), 'utf8')) as EngineStamp;
  } catch {
    return undefined;
  }
}

export function readChosenPython(dataDir: string): string | undefined {
  try {
    const p = (JSON.parse(readFileSync(join(dataDir, CHOSEN_PYTHON_FILE), 'utf8')) as { python?: unknown }).python;
    return typeof p === 'string' && p ? p : undefined;
  } catch {
    return undefined;
  }
}

export function locateEngine(o: LocateOptions = {}): EngineLocation {
  const env = o.env ?? process.env;
  const dataDir = o.dataDir ?? defaultDataDir(env);
  if (env.LANCE_INDEX_PYTHON) return { python: env.LANCE_INDEX_PYTHON, source: 'env', dataDir };
  const checkout = venvPython(join(o.root ?? APP_LAYOUT.root, '.venv'));
  if (!env.LANCE_INDEX_NO_CHECKOUT_VENV && existsSync(checkout)) return { python: checkout, source: 'checkout', dataDir };
  const chosen = readChosenPython(dataDir);
  if (chosen) return { python: chosen, source: 'chosen', dataDir };
  const venv = engineVenvDir(dataDir);
  if (existsSync(venvPython(venv))) {
    const stamp = readStamp(venv);
    const location: EngineLocation = { python: venvPython(venv), source: 'data-dir', dataDir };
    if (stamp?.pins !== pinsDigest(o.engineDir)) location.pinsChanged = { setUpFor: stamp?.pylance ? `pylance ${stamp.pylance}` : 'other pins' };
    return location;
  }
  return { python: process.platform === 'win32' ? 'python' : 'python3', source: 'path', dataDir };
}
