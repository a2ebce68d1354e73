/**
 * `npm start`: the Electron window when this machine can show one, else browser mode. Electron
 * is found without require('electron'), which would try to download a missing binary.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: string };

export function findElectron(root: string, env: NodeJS.ProcessEnv = process.env): ElectronCheck {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { ok: false, reason: 'the electron package is not installed (npm install)' };
  const pathFile = join(pkg, 'path.txt');
  const rel = env.ELECTRON_OVERRIDE_DIST_PATH ? 'electron' : existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(pkg, 'dist', rel);
  if (!rel || !existsSync(binary)) return { ok: false, reason: "Electron's binary is not installed (its download is not possible on this machine)" };
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return { ok: false, reason: 'the app is not built (npm run build)' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  return { ok: true, binary };
}

/**
 * Starts Electron on the built app. Resolves 'started' once it has run for `graceMs` without
 * dying, or the reason it could not start (so the caller falls back to browser mode).
 */
export function launchElectron(
  binary: string,
  root: string,
  graceMs = 4000,
): Promise<{ started: true; exited: Promise<number> } | { started: false; reason: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
    const child = spawn(binary, [root], { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
      process.stderr.write(c);
    });
    const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? 1)));
    const timer = setTimeout(() => resolve({ started: true, exited }), graceMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ started: false, reason: err.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stderr.trim().split('\n').slice(-1)[0];
      resolve({ started: false, reason: `Electron exited at once (code ${code}${signal ? `, ${signal}` : ''})${last ? `: ${last}` : ''}` });
    });
  });
}
