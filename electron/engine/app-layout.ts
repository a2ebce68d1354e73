/**
 * Where the app's own parts are, in a checkout and in a packaged app: the Python engine's
 * sources and the relay worker. One module, so the CLI, the host, Electron's main process and
 * the relay all agree (electron-builder.yml puts them where `packaged` expects them).
 *
 * - checkout: the folder holding engine/python/lance_engine, found by walking up from this file
 *   (bundled into out/node or out/main, or run from electron/engine by tsx and vitest);
 * - packaged: engine/python is an extra resource in process.resourcesPath; the relay worker is
 *   inside app.asar but unpacked beside it (asarUnpack), since utilityProcess forks a real file.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppLayout {
  kind: 'checkout' | 'packaged';
  /** The folder engine/python is in: the checkout, or the packaged app's resources. */
  root: string;
  engineDir: string;
  /** The relay worker (out/node/worker.js) that utilityProcess forks. */
  workerScript: string;
}

export interface LayoutInputs {
  /** Electron's process.resourcesPath; undefined under plain Node. */
  resourcesPath?: string;
  /** Electron's app.getAppPath() (…/resources/app.asar when packaged); the root otherwise. */
  appPath?: string;
  /** The folder to walk up from to find a checkout. */
  startDir: string;
  /** LANCE_INDEX_ROOT: the engine's root given outright (relayEnv hands it to every relay it forks). */
  rootOverride?: string;
  exists?: (path: string) => boolean;
}

const ENGINE_MARKER = join('engine', 'python', 'lance_engine');

export function resolveLayout(i: LayoutInputs): AppLayout {
  const exists = i.exists ?? existsSync;
  const packaged = !!i.resourcesPath && exists(join(i.resourcesPath, ENGINE_MARKER));
  const root = i.rootOverride ?? (packaged ? i.resourcesPath! : findCheckout(i.startDir, exists));
  const appPath = i.appPath ?? (packaged ? join(i.resourcesPath!, 'app.asar') : root);
  return {
    kind: packaged ? 'packaged' : 'checkout',
    root,
    engineDir: join(root, 'engine', 'python'),
    workerScript: join(appPath, 'out', 'node', 'worker.js').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
  };
}

function findCheckout(start: string, exists: (p: string) => boolean): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (exists(join(dir, ENGINE_MARKER))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** This process's layout. */
export const APP_LAYOUT: AppLayout = resolveLayout({
  resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
  startDir: dirname(fileURLToPath(import.meta.url)),
  rootOverride: process.env.LANCE_INDEX_ROOT,
});
