/**
 * The Engine screen's state: the set-up (the core's whole state, followed by the subscription
 * startEngineStore makes) and the check of an existing Python.
 */
import { create } from 'zustand';
import { initialSetupState, type EngineSetupState, type PythonCheck } from '@shared/contract/engine-setup';
import { api } from '../../api/bridge';
import { checkEngine } from '../../store/connection-store';

interface EngineStore {
  setup: EngineSetupState;
  /** A request that failed before the set-up ran (e.g. a build is running). */
  startError: string | null;
  pythonPath: string;
  checking: boolean;
  check: PythonCheck | null;
  /** The path the verdict is about: typing another path clears it. */
  checkedPath: string | null;
  checkError: string | null;
  using: boolean;
}

export const useEngineSetup = create<EngineStore>(() => ({
  setup: initialSetupState(),
  startError: null,
  pythonPath: '',
  checking: false,
  check: null,
  checkedPath: null,
  checkError: null,
  using: false,
}));

function onSetupState(state: EngineSetupState): void {
  const before = useEngineSetup.getState().setup.status;
  useEngineSetup.setState({ setup: state });
  // Done: the core restarted its workers on the new engine; the window asks again and leaves this screen.
  if (state.status === 'done' && before !== 'done') void checkEngine();
}

/** Follows the core's set-up state; returns the unsubscribe. */
export function startEngineStore(): () => void {
  return api.on('engineSetup', onSetupState);
}

/** A window that opens while a set-up runs (or after it) catches up. */
export async function loadSetupState(): Promise<void> {
  try {
    onSetupState(await api.engineSetupState({}));
  } catch {
    // The connection banner says what is wrong.
  }
}

export async function startSetup(): Promise<void> {
  useEngineSetup.setState({ startError: null });
  try {
    onSetupState(await api.startEngineSetup({}));
  } catch (err) {
    useEngineSetup.setState({ startError: (err as Error).message });
  }
}

export async function cancelSetup(): Promise<void> {
  await api.cancelEngineSetup({});
}

export function setPythonPath(path: string): void {
  useEngineSetup.setState((s) => ({ pythonPath: path, ...(path.trim() !== s.checkedPath ? { check: null, checkError: null } : {}) }));
}

export async function checkPythonPath(): Promise<void> {
  const path = useEngineSetup.getState().pythonPath.trim();
  if (!path) {
    useEngineSetup.setState({ check: null, checkError: 'Give the path of a Python executable, e.g. /usr/bin/python3.' });
    return;
  }
  useEngineSetup.setState({ checking: true, checkError: null });
  try {
    const check = await api.checkPython({ python: path });
    useEngineSetup.setState({ check, checkedPath: path });
  } catch (err) {
    useEngineSetup.setState({ check: null, checkError: (err as Error).message });
  } finally {
    useEngineSetup.setState({ checking: false });
  }
}

export async function adoptCheckedPython(): Promise<void> {
  const path = useEngineSetup.getState().checkedPath;
  if (!path) return;
  useEngineSetup.setState({ using: true, checkError: null });
  try {
    const check = await api.useExistingPython({ python: path });
    useEngineSetup.setState({ check });
    if (check.usable) await checkEngine();
  } catch (err) {
    useEngineSetup.setState({ checkError: (err as Error).message });
  } finally {
    useEngineSetup.setState({ using: false });
  }
}
