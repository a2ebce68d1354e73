/** A Python >= 3.10 that can make a venv, to make the engine's venv from. */
import { compareVersions } from '../python-env.js';
import { MIN_PYTHON, type PythonProbe } from './python-verdict.js';
import { probePython } from './check-python.js';

/** Newest first: the first that answers, is new enough and can make a venv is taken. */
export const PYTHON_CANDIDATES =
  process.platform === 'win32' ? ['python', 'python3', 'py'] : ['python3.13', 'python3.12', 'python3.11', 'python3.10', 'python3', 'python'];

export interface BasePython {
  python: string;
  version: string;
}

export class PythonNotFoundError extends Error {}

/** Why a Python can't be the base of the venv, or undefined when it can. */
export function baseProblem(python: string, probe: PythonProbe | undefined, failure: string | undefined): string | undefined {
  if (!probe) return `${python}: ${failure ?? 'did not answer like a Python'}`;
  if (compareVersions(probe.python, MIN_PYTHON) < 0) return `${python} is Python ${probe.python}; the engine needs Python >= ${MIN_PYTHON}`;
  if (!probe.canMakeVenv) {
    return `${python} (Python ${probe.python}) can't make a venv: its venv/ensurepip modules are missing (Debian/Ubuntu: sudo apt-get install python3-venv)`;
  }
  return undefined;
}

/** The given Python, checked; or the first good one on PATH. Every rejected one is named in the error. */
export async function findBasePython(given: string | undefined, signal?: AbortSignal): Promise<BasePython> {
  const problems: string[] = [];
  for (const python of given ? [given] : PYTHON_CANDIDATES) {
    const { probe, failure } = await probePython(python, false, signal);
    const problem = baseProblem(python, probe, failure);
    if (!problem) return { python: probe!.executable || python, version: probe!.python };
    if (given || probe) problems.push(problem); // a name not on PATH is not worth a line
  }
  throw new PythonNotFoundError(
    given
      ? `${problems[0]}.`
      : `No Python >= ${MIN_PYTHON} that can make a venv was found on PATH (tried ${PYTHON_CANDIDATES.join(', ')})${problems.length ? `: ${problems.join('; ')}` : ''}. Install one, or give its path (--python PATH, or "Use an existing Python").`,
  );
}
