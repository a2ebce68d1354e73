/**
 * One ipc handler per API method, generated from the contract table. Each checks that the call
 * comes from the app's own page in its own window, then validates the input with the method's
 * schema (dispatchCall) before the service sees it. Events go to the window the same way.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, apiChannel, dispatchCall, eventChannel } from '@shared/contract/bridge.js';
import type { StudioService } from '@core/studio-service.js';
import { isAppUrl } from './app-paths.js';
import { mainWindow } from './window.js';

function trustedSender(e: IpcMainInvokeEvent): boolean {
  const win = mainWindow();
  const frame = e.senderFrame;
  // Only the top frame of our window, showing our page: not an iframe, not another window.
  return !!win && !!frame && e.sender === win.webContents && frame === win.webContents.mainFrame && isAppUrl(frame.url);
}

export function setupIpc(service: StudioService): () => void {
  for (const method of API_METHODS) {
    const channel = apiChannel(method);
    ipcMain.removeHandler(channel); // exactly one handler per channel
    ipcMain.handle(channel, async (e, input: unknown) => {
      if (!trustedSender(e)) return { id: 0, ok: false, error: { kind: 'input', message: 'Refused: the call did not come from the app window.' } };
      return { id: 0, ...(await dispatchCall(service.handlers, method, input)) };
    });
  }
  return service.on((event, payload) => {
    const win = mainWindow();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  });
}
