/**
 * Cancel mid-build (Esc, as a person would) leaves the dataset exactly as it was: same version,
 * same files, no uncommitted index folders left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, pageErrors } from './support/browser';
import { describe as describeDataset, listFiles, makeSample } from './support/dataset';
import { startUiHost, type Host } from './support/host';

let dir: string;
let uri: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lance-index-e2e-'));
  uri = join(dir, 'big.lance');
  // Large enough that one worker's FTS build runs for seconds: time to cancel it mid-flight.
  await makeSample(uri, 300_000, 6);
  host = await startUiHost({ stateDir: join(dir, 'state') });
  browser = await launchChromium();
  page = await openPage(browser, `${host.url}&dataset=${encodeURIComponent(uri)}`);
  await page.getByTestId('schema-tree').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cancel', () => {
  it('Esc during the build phase cancels it and the dataset is unchanged', async () => {
    const before = await listFiles(uri);
    const versionBefore = (await describeDataset(uri)).version;

    await page.getByRole('tab', { name: /^Build/ }).click();
    await page.locator('select[name=indexType]').selectOption('FTS');
    await page.locator('select[name=column]').selectOption('review');
    await page.locator('input[name=workers]').fill('1');
    await page.getByRole('button', { name: /defaults/ }).click();
    await page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('true');
    await page.getByTestId('build-button').click();

    // Wait until a batch is really running in a worker, then cancel.
    await page.locator('[data-testid=batch-row][data-state=running]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');

    const result = page.getByTestId('result-card');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-outcome')).toBe('cancelled');
    expect(await result.textContent()).toContain(`still at version ${versionBefore}`);
    expect(await page.getByTestId('build-status').textContent()).toBe('cancelled');

    expect((await describeDataset(uri)).version).toBe(versionBefore);
    expect(await listFiles(uri)).toEqual(before);
    expect(await page.getByTestId('dataset-version').textContent()).toBe(String(versionBefore));
  });

  it('after a cancel the workers come back and a build succeeds', async () => {
    await page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('');
    await page.locator('select[name=indexType]').selectOption('BTREE');
    await page.locator('select[name=column]').selectOption('id');
    await page.locator('input[name=workers]').fill('2');
    await page.getByTestId('build-button').click();
    const result = page.getByTestId('result-card');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    await page.getByRole('tab', { name: /^History/ }).click();
    const outcomes = await page.getByTestId('history-row').locator('.status-pill').allTextContents();
    expect(outcomes).toEqual(['succeeded', 'cancelled']);
    expect(pageErrors(page)).toEqual([]);
  });
});
