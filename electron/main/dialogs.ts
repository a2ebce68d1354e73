/** Native dialogs, always parented to the window so they are modal to it. */
import { dialog } from 'electron';
import { mainWindow } from './window.js';

export async function pickDatasetFolder(): Promise<string | null> {
  const win = mainWindow();
  const options: Electron.OpenDialogOptions = {
    title: 'Open a Lance dataset folder',
    buttonLabel: 'Open dataset',
    // Lance datasets are folders (name.lance); hidden ones included, many live under dot-dirs.
    properties: ['openDirectory', 'showHiddenFiles'],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
}
