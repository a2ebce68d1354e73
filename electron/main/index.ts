/**
 * Electron main: a list of small setup steps, in order. All work goes through electron/core
 * (the StudioService); this process only owns the window, its menu, dialogs and the bridge.
 */
import { app, BrowserWindow } from 'electron';
import { setupSecurity, setupSessionSecurity } from './security.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { RENDERER_DIR } from './app-paths.js';
import { setupService } from './service.js';
import { setupIpc } from './ipc.js';
import { setupMenu } from './menu.js';
import { createMainWindow, mainWindow } from './window.js';

/** `electron . --dataset <uri>` opens that dataset first. */
function datasetArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--dataset');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--dataset='))?.slice('--dataset='.length);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  setupSecurity();
  registerAppScheme();
  app.on('second-instance', () => {
    const win = mainWindow();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    setupSessionSecurity();
    serveRenderer(RENDERER_DIR);
    const service = setupService();
    setupIpc(service);
    setupMenu();
    createMainWindow({ dataset: datasetArg(process.argv) });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });

    let closing = false;
    app.on('before-quit', (e) => {
      if (closing) return;
      // Cancel running builds (their uncommitted folders are removed) and stop the workers first.
      e.preventDefault();
      closing = true;
      void service.close().finally(() => app.quit());
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
