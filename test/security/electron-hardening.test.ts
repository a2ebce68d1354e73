/**
 * Issue 9, item 6: the Electron build. The window's page comes from app://, can read no file of
 * the disk and runs under the CSP; the packaged binary's fuses refuse ELECTRON_RUN_AS_NODE,
 * NODE_OPTIONS and --inspect, encrypt cookies and load only the app's own, hash-checked asar.
 * Both need Electron's binary; where it is missing they are reported as skipped, with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { findElectron } from '../../electron/host/electron-launch.js';
import { ROOT } from '../e2e/support/host.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const found = findElectron(ROOT);
/** @electron/fuses' FuseState (not exported): the ASCII '0' and '1' in the binary's fuse wire. */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
const skipped = found.ok ? '' : ` (skipped: ${found.reason})`;
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('electron-hardening');
});
afterAll(() => removeDir(dir));

describe('the Electron window', () => {
  it.skipIf(!found.ok)(`shows app://, can't fetch file:// or leave the renderer folder, and runs under the CSP${skipped}`, async () => {
    if (!found.ok) return;
    const app = await _electron.launch({ executablePath: found.binary, args: [ROOT], env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } });
    try {
      const page = await app.firstWindow();
      await page.getByText('Open a dataset').first().waitFor({ timeout: 60_000 });
      expect(page.url().startsWith('app://studio/index.html')).toBe(true);
      const fetched = (u: string) =>
        page.evaluate(
          (url) =>
            fetch(url).then(
              (r) => r.status,
              () => 'blocked',
            ),
          u,
        );
      expect(await fetched('file:///etc/hostname')).toBe('blocked');
      expect(await fetched('app://studio/%2e%2e/%2e%2e/package.json')).toBe(404);
      expect(
        await page.evaluate(() => {
          try {
            return eval('"ran"');
          } catch {
            return 'refused';
          }
        }),
      ).toBe('refused');
    } finally {
      await app.close();
    }
  });
});

describe('the packaged app', () => {
  it.skipIf(!found.ok)(
    `has RunAsNode, NODE_OPTIONS and inspect off, cookie encryption, asar integrity, asar only${skipped}`,
    async () => {
      if (!found.ok) return;
      const out = join(dir, 'dist');
      const builder = join(ROOT, 'node_modules', '.bin', 'electron-builder');
      execFileSync(builder, ['--dir', `-c.electronDist=${join(ROOT, 'node_modules', 'electron', 'dist')}`, `-c.directories.output=${out}`], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      const unpacked = join(
        out,
        readdirSync(out).find((d) => d.endsWith('-unpacked'))!,
      );
      const binary = join(
        unpacked,
        readdirSync(unpacked).find((f) => f.startsWith('lance-index'))!,
      );
      const wire = await getCurrentFuseWire(binary);
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    },
    600_000,
  );
});
