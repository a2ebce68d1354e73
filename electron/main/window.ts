/** The one window: sandboxed, isolated, no Node; shown once painted so it never flashes white. */
import { BrowserWindow, nativeTheme } from 'electron';
import { DEV_SERVER_URL, ICON_PNG, PRELOAD, RENDERER_URL } from './app-paths.js';

let main: BrowserWindow | undefined;

export function mainWindow(): BrowserWindow | undefined {
  return main && !main.isDestroyed() ? main : undefined;
}

export function createMainWindow(opts: { dataset?: string } = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'lance-index studio',
    icon: ICON_PNG, // Linux and Windows title bars and taskbars; macOS takes the bundle's icon
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181c' : '#f7f7f8',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (main === win) main = undefined;
  });
  const query = opts.dataset ? `?dataset=${encodeURIComponent(opts.dataset)}` : '';
  void win.loadURL((DEV_SERVER_URL ?? RENDERER_URL) + query);
  main = win;
  return win;
}
