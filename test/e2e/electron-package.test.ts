/**
 * `npm run package`'s configuration (electron-builder.yml). Where Electron's binary exists,
 * electron-builder packages the app for real (an unpacked --dir build into a temp folder) and the
 * packaged layout is checked against the one module that resolves it (electron/engine/app-layout.ts):
 * the engine's sources beside the app, the relay worker unpacked from the asar, the icons inside.
 * Elsewhere that test is reported as skipped, with the reason, like the Electron window test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectron } from '../../electron/host/electron-launch';
import { resolveLayout } from '@engine/app-layout';
import { ROOT } from './support/host';

const found = findElectron(ROOT);
const reason = found.ok ? '' : found.reason;
if (!found.ok) console.log(`[skipped] electron-builder packaging test: ${reason}. The packaged layout is unit-tested in engine-setup-logic.test.ts.`);

const config = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('packaging (electron-builder.yml)', () => {
  it('names icons that exist and are rendered from build/icon.svg (PNG for the packages, ICO for Windows)', () => {
    const icons = [...config.matchAll(/^\s*icon: (\S+)$/gm)].map((m) => m[1]!);
    expect(icons.sort()).toEqual(['build/icon.ico', 'build/icon.png']);
    expect(readFileSync(join(ROOT, 'build/icon.png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([...readFileSync(join(ROOT, 'build/icon.ico')).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true);
  });

  it.skipIf(!found.ok)(
    `packages the app with the engine's sources, the unpacked relay worker and the icons where the app looks${reason ? ` (skipped: ${reason})` : ''}`,
    async () => {
      out = await mkdtemp(join(tmpdir(), 'lance-index-package-'));
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--dir', `-c.directories.output=${out}`], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      });
      const unpacked = readdirSync(out).find((d) => d.endsWith('-unpacked') || d === 'mac' || d.startsWith('mac-'));
      expect(unpacked, `no unpacked app in ${out}`).toBeDefined();
      const resources =
        process.platform === 'darwin'
          ? join(
              out,
              unpacked!,
              readdirSync(join(out, unpacked!)).find((f) => f.endsWith('.app'))!,
              'Contents',
              'Resources',
            )
          : join(out, unpacked!, 'resources');
      const layout = resolveLayout({ startDir: join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources });
      expect(layout.kind).toBe('packaged');
      for (const f of ['run_engine.py', 'check_python.py', 'requirements.txt', join('lance_engine', 'server.py')]) {
        expect(existsSync(join(layout.engineDir, f)), f).toBe(true);
      }
      expect(existsSync(layout.workerScript)).toBe(true);
      // No venv ships: it is made on the target machine, in the per-user data folder.
      expect(existsSync(join(resources, '.venv'))).toBe(false);
      const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(p: string): string[] };
      const files = asar.listPackage(join(resources, 'app.asar')).map((f) => f.replaceAll('\\', '/'));
      expect(files).toEqual(expect.arrayContaining(['/out/renderer/favicon.ico', '/out/renderer/icon.png', '/out/main/index.js']));
    },
  );
});
