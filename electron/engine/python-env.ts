/**
 * Where the Python engine lives and which interpreter runs it. The project-local venv made by
 * scripts/setup.sh is the default; LANCE_INDEX_PYTHON overrides it (e.g. a system pylance).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The oldest pylance whose create_index_uncommitted builds all our scalar types as segments. */
export const MIN_PYLANCE = '10.0.0';
export const SETUP_COMMAND = 'bash scripts/setup.sh';

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'engine', 'python', 'lance_engine'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const PROJECT_ROOT = process.env.LANCE_INDEX_ROOT ?? findProjectRoot();
export const ENGINE_DIR = join(PROJECT_ROOT, 'engine', 'python');

export function pythonExecutable(): string {
  if (process.env.LANCE_INDEX_PYTHON) return process.env.LANCE_INDEX_PYTHON;
  const venv = process.platform === 'win32' ? join(PROJECT_ROOT, '.venv', 'Scripts', 'python.exe') : join(PROJECT_ROOT, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** The environment a Python engine starts with: only what it needs, nothing inherited that could change Lance's behaviour unexpectedly. */
export function engineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // Don't let a parent's Node/Electron settings leak into Python, or a stray PYTHONHOME break the venv.
  for (const k of ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'PYTHONHOME', 'PYTHONSTARTUP']) delete env[k];
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
