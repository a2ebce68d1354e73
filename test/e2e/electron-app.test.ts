/**
 * The same flow in the real Electron window, driven by Playwright's _electron. It runs where
 * Electron's binary exists (and a display); elsewhere it is reported as skipped, with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { findElectron } from '../../electron/host/electron-launch';
import { makeSample } from './support/dataset';
import { ROOT } from './support/host';

const found = findElectron(ROOT);
const reason = found.ok ? '' : found.reason;
if (!found.ok) console.log(`[skipped] Electron window test: ${reason}. The same flow runs in Chromium against browser mode (window-flow.test.ts).`);

let dir: string;

beforeAll(async () => {
  if (!found.ok) return;
  dir = await mkdtemp(join(tmpdir(), 'lance-index-electron-'));
  await makeSample(join(dir, 'reviews.lance'), 30_000, 8);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Electron window', () => {
  it.skipIf(!found.ok)(`opens a dataset, builds with 2 workers, verifies, with the window locked down${reason ? ` (skipped: ${reason})` : ''}`, async () => {
    if (!found.ok) return;
    const uri = join(dir, 'reviews.lance');
    const app = await _electron.launch({
      executablePath: found.binary,
      args: [ROOT, '--dataset', uri],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('schema-tree').waitFor({ timeout: 60_000 });
      // The page has the bridge and nothing else: no Node, no ipcRenderer, no new windows.
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys(window.lanceIndex ?? {}).sort())).toContain('startBuild');
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      // Navigation away from the app is refused by main: the page stays where it is.
      const before = page.url();
      await page.evaluate(() => {
        location.href = 'https://example.com';
      });
      expect(page.url()).toBe(before);

      await page.getByRole('tab', { name: /^Build/ }).click();
      await page.locator('select[name=indexType]').selectOption('FTS');
      await page.locator('select[name=column]').selectOption('review');
      await page.locator('input[name=workers]').fill('2');
      await expect.poll(() => page.getByTestId('balance-chart').getAttribute('data-workers')).toBe('2');
      await page.getByTestId('build-button').click();
      const result = page.getByTestId('result-card');
      await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
      expect(await page.getByTestId('batch-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state))).toEqual(['done', 'done']);
      expect(await page.getByTestId('verification-status').textContent()).toBe('OK');
    } finally {
      await app.close();
    }
  });
});
