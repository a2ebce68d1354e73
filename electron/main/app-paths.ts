/**
 * Where the built parts live. The engine's sources and the relay worker are resolved by
 * @engine/app-layout.ts (checkout or packaged); the relay is handed the engine's root in its
 * environment when it is forked (relayEnv), so nothing here depends on being imported first.
 */
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_LAYOUT } from '@engine/app-layout.js';
import { APP_ORIGIN } from './app-protocol.js';

const here = dirname(fileURLToPath(import.meta.url)); // out/main

export const PRELOAD = join(here, '..', 'preload', 'index.cjs');
export const RENDERER_DIR = join(here, '..', 'renderer');
/** Served by app-protocol.ts from RENDERER_DIR. */
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;
/** electron-vite's dev server (npm run dev); never set in a packaged app. */
export const DEV_SERVER_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
/** The relay worker bundled by scripts/build-node.mjs; forked with utilityProcess. */
export const WORKER_SCRIPT = APP_LAYOUT.workerScript;
/** The window's icon, copied into the built renderer from renderer/public (scripts/make-icons.mjs). */
export const ICON_PNG = join(RENDERER_DIR, 'icon.png');

/** True for the app's own page (and its dev server), the only thing the window may show. */
export function isAppUrl(url: string): boolean {
  if (DEV_SERVER_URL && url.startsWith(DEV_SERVER_URL)) return true;
  return url === RENDERER_URL || url.startsWith(`${RENDERER_URL}?`) || url.startsWith(`${RENDERER_URL}#`);
}

/** The app's own files (page, scripts, styles) and devtools; everything else is remote content. */
export function isAppResource(url: string): boolean {
  if (DEV_SERVER_URL && url.startsWith(new URL(DEV_SERVER_URL).origin)) return true;
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('data:');
}
