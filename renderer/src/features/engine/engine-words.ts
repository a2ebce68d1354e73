/** The Engine screen's words (pure: unit-tested): why it shows, the steps, the verdict's tone. */
import type { EngineSetupNeed, EngineSetupState, PythonCheck, SetupStep } from '@shared/contract/engine-setup';
import { SETUP_STEPS } from '@shared/contract/engine-setup';
import { formatBytes } from '@shared/format';

export const STEP_LABELS: Record<SetupStep, string> = {
  'find-python': 'Find Python',
  'create-venv': 'Create the venv',
  download: 'Download packages',
  install: 'Install packages',
  check: 'Check the engine',
};

export function whyEngineScreen(need: EngineSetupNeed): string {
  switch (need.reason) {
    case 'pins-changed':
      return `This version of the app needs pylance ${need.pin}; the engine in the data folder was set up for other pins. Set it up again (a couple of minutes).`;
    case 'none-found':
      return `No engine is set up yet. The app builds indices with pylance ${need.pin} in a Python of its own: set it up here, or use a Python that already has pylance.`;
    case 'not-working':
      return need.source === 'env'
        ? `LANCE_INDEX_PYTHON points at ${need.python}, which can't run the engine (details above). Fix or unset it; while it is set, it is used instead of an engine set up here.`
        : `The engine's Python (${need.python}) can't run the engine (details above). Set the engine up again, or use another Python.`;
  }
}

export type StepState = 'done' | 'running' | 'waiting' | 'failed';

/** Each step's state from the set-up's: those before the current one are done. */
export function stepStates(s: EngineSetupState): Array<{ step: SetupStep; label: string; state: StepState }> {
  const at = s.step ? SETUP_STEPS.indexOf(s.step) : -1;
  return SETUP_STEPS.map((step, i) => ({
    step,
    label: STEP_LABELS[step],
    state:
      s.status === 'done' || i < at ? 'done'
        : i === at ? (s.status === 'running' ? 'running' : s.status === 'failed' ? 'failed' : 'waiting')
          : 'waiting',
  }));
}

/** "pylance · 12.3 MiB of 85.3 MiB" when pip reports bytes, else the package alone. */
export function currentPackageLine(s: EngineSetupState): string | null {
  if (!s.package) return null;
  return s.bytes && s.bytes.total > 0 ? `${s.package} · ${formatBytes(s.bytes.done)} of ${formatBytes(s.bytes.total)}` : s.package;
}

export function verdictTone(c: PythonCheck): 'ok' | 'warn' | 'bad' {
  return c.verdict === 'ready' ? 'ok' : c.usable ? 'warn' : 'bad';
}
