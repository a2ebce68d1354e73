/**
 * Where the built parts live. Imported first by index.ts: in a packaged app the Python engine
 * ships as an extra resource, and the core reads LANCE_INDEX_ROOT when it loads.
 */
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
if (app.isPackaged && !process.env.LANCE_INDEX_ROOT) process.env.LANCE_INDEX_ROOT = process.resourcesPath;

export const PRELOAD = join(here, '..', 'preload', 'index.cjs');
export const RENDERER_HTML = join(here, '..', 'renderer', 'index.html');
export const RENDERER_URL = pathToFileURL(RENDERER_HTML).href;
/** electron-vite's dev server (npm run dev); never set in a packaged app. */
export const DEV_SERVER_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
/** The relay worker bundled by scripts/build-node.mjs; forked with utilityProcess. */
export const WORKER_SCRIPT = join(app.getAppPath(), 'out', 'node', 'worker.js').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

/** True for the app's own page (and its dev server), the only thing the window may show. */
export function isAppUrl(url: string): boolean {
  if (DEV_SERVER_URL && url.startsWith(DEV_SERVER_URL)) return true;
  return url === RENDERER_URL || url.startsWith(`${RENDERER_URL}?`) || url.startsWith(`${RENDERER_URL}#`);
}

/** The app's own files (page, scripts, styles) and devtools; everything else is remote content. */
export function isAppResource(url: string): boolean {
  if (DEV_SERVER_URL && url.startsWith(new URL(DEV_SERVER_URL).origin)) return true;
  const rendererDir = pathToFileURL(dirname(RENDERER_HTML)).href + '/';
  return url.startsWith(rendererDir) || url.startsWith('devtools://') || url.startsWith('data:');
}
