/** Asks a Python what it is (engine/python/check_python.py) and gives the verdict. */
import { join } from 'node:path';
import type { PythonCheck } from '@shared/contract/engine-setup.js';
import { MIN_PYLANCE, ENGINE_DIR } from '../python-env.js';
import { pinnedPylance } from '../pins.js';
import { pythonVerdict, type PythonProbe } from './python-verdict.js';
import { runProcess, toolEnv } from './run-process.js';

/** The probe's answer, or why there is none. `withImport` also tries `import lance` (~1 s). */
export async function probePython(python: string, withImport: boolean, signal?: AbortSignal): Promise<{ probe?: PythonProbe; failure?: string }> {
  const script = join(ENGINE_DIR, 'check_python.py');
  let out = '';
  try {
    // -E -B: the same isolation the engine runs with, so the verdict holds for it.
    const r = await runProcess(python, ['-E', '-B', script, ...(withImport ? ['--import'] : [])], {
      signal,
      env: toolEnv(),
      onLine: (l) => (out = l.startsWith('{') ? l : out),
    });
    if (r.code !== 0 || !out) return { failure: r.tail.slice(-3).join(' ').trim() || `exit code ${r.code ?? r.signal}` };
    return { probe: JSON.parse(out) as PythonProbe };
  } catch (err) {
    if ((err as Error).name === 'CancelledError') throw err;
    const e = err as NodeJS.ErrnoException;
    return { failure: e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'not executable' : e.message };
  }
}

export async function checkPython(python: string, signal?: AbortSignal): Promise<PythonCheck> {
  const { probe, failure } = await probePython(python, true, signal);
  return pythonVerdict(python, probe, failure, { pin: pinnedPylance(), minPylance: MIN_PYLANCE });
}
