/** The app's commands, one place for the keyboard, the native menu and the buttons to share. */
import { api, bridgeMode } from '../api/bridge';
import { targetLabel } from '@shared/contract/dataset';
import { openDataset, refreshDataset, useDataset } from '../features/dataset/dataset-store';
import { startBuildFromForm } from '../features/build/build-store';
import { onBuildFinished } from '../features/progress/progress-store';
import { dismissCancelQuestion, requestCancel } from '../features/progress/cancel-request';
import { closeParams, useBuild } from '../features/build/build-store';
import { showOpenPanel, showView, useUi } from '../store/ui-store';

export async function commandOpen(): Promise<void> {
  if (bridgeMode === 'electron') {
    const picked = await api.pickDatasetFolder({});
    if (picked.supported) {
      if (picked.path) await openDataset({ uri: picked.path, storageOptions: {} });
      return;
    }
  }
  showOpenPanel(true);
}

export function commandBuild(): void {
  if (useDataset.getState().description) void startBuildFromForm();
}

/**
 * Esc closes what is open, innermost first: the Open panel, the Parameters popover, the question
 * "stop this build?" (answered "keep building"). Only on the Build screen does it then ask to
 * cancel the running build: anywhere else (typing a query, reading History) it cancels nothing.
 */
export function commandEscape(): void {
  if (useUi.getState().openPanel && useDataset.getState().description) showOpenPanel(false);
  else if (useBuild.getState().paramsOpen) closeParams();
  else if (dismissCancelQuestion()) return;
  else if (useUi.getState().view === 'build') requestCancel();
}

/** The native menu's commands; its Cancel build is one of the build's own controls. */
export function runCommand(c: 'open' | 'build' | 'cancel' | 'explore' | 'history'): void {
  if (c === 'open') void commandOpen();
  else if (c === 'build') commandBuild();
  else if (c === 'cancel') requestCancel();
  else showView(c);
}

/** Wires the commands to what triggers them outside the window's own keys; returns the unsubscribe. */
export function startCommands(): () => void {
  const offs = [
    // A build that committed changed the dataset: show its new version and index.
    onBuildFinished((state, meta) => {
      const t = useDataset.getState().target;
      if (state.status === 'succeeded' && t && meta?.target && targetLabel(t) === targetLabel(meta.target)) void refreshDataset();
    }),
    api.on('menuCommand', ({ command }) => runCommand(command)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
