/** The verdict on a Python from what check_python.py said about it (pure: unit-tested). */
import type { PythonCheck, PythonVerdictKind } from '@shared/contract/engine-setup.js';
import { compareVersions } from '../python-env.js';

/** What engine/python/check_python.py prints; undefined when the interpreter didn't answer like one. */
export interface PythonProbe {
  python: string;
  executable?: string;
  isVenv?: boolean;
  canMakeVenv?: boolean;
  pylance?: string | null;
  pyarrow?: string;
  importError?: string;
  missingModule?: string;
}

export const MIN_PYTHON = '3.10';

export interface VerdictRules {
  pin: string;
  minPylance: string;
}

export function pythonVerdict(python: string, probe: PythonProbe | undefined, failure: string | undefined, rules: VerdictRules): PythonCheck {
  const base = { python, pythonVersion: probe?.python ?? null, pylance: probe?.pylance ?? null, pinnedPylance: rules.pin };
  const say = (verdict: PythonVerdictKind, message: string): PythonCheck => ({
    ...base, verdict, message, usable: verdict === 'ready' || verdict === 'other-pylance',
  });
  if (!probe) return say('not-python', `${python} could not be run as Python${failure ? `: ${failure}` : ''}. Give the path of a python3 executable (Python >= ${MIN_PYTHON}).`);
  if (compareVersions(probe.python, MIN_PYTHON) < 0) {
    return say('python-too-old', `Python ${probe.python} is too old: the engine needs Python >= ${MIN_PYTHON}.`);
  }
  if (probe.missingModule === 'lance') {
    return say('no-pylance', `Python ${probe.python} has no pylance. Set up the engine (a venv with pylance ${rules.pin}), or pip install 'pylance==${rules.pin}' into this Python.`);
  }
  if (probe.importError || !probe.pylance) {
    return say('import-fails', `Python ${probe.python} has pylance, but \`import lance\` fails: ${probe.importError ?? 'no version'}. Set up the engine to get a working one.`);
  }
  if (compareVersions(probe.pylance, rules.minPylance) < 0) {
    return say('pylance-too-old', `pylance ${probe.pylance} is too old: building over chosen fragments needs pylance >= ${rules.minPylance} (the engine is built for ${rules.pin}).`);
  }
  if (probe.pylance !== rules.pin) {
    return say('other-pylance', `Python ${probe.python} with pylance ${probe.pylance}: the engine runs on it, but it is built and tested for pylance ${rules.pin}.`);
  }
  return say('ready', `Python ${probe.python} with pylance ${probe.pylance}, the engine's pin: ready.`);
}
