/**
 * The application menu. Its accelerators are shown but not registered (registerAccelerator:
 * false), so the keys reach the page, which handles them the same way in browser mode; a click
 * on an item sends the page a menuCommand event.
 */
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import { eventChannel } from '@shared/contract/bridge.js';
import type { MenuCommand } from '@shared/contract/api.js';
import { mainWindow } from './window.js';

function command(c: MenuCommand['command']): void {
  mainWindow()?.webContents.send(eventChannel('menuCommand'), { command: c } satisfies MenuCommand);
}

export function setupMenu(): void {
  const isMac = process.platform === 'darwin';
  const item = (label: string, c: MenuCommand['command'], accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => command(c),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [item('Open dataset…', 'open', 'CmdOrCtrl+O'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'Build',
      submenu: [item('Build index', 'build', 'CmdOrCtrl+Enter'), item('Cancel build', 'cancel', 'Escape')],
    },
    {
      label: 'View',
      submenu: [
        item('Explore', 'explore'),
        item('History', 'history'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
