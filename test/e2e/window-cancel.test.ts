/**
 * Cancel mid-build (Esc, as a person would) leaves the dataset exactly as it was: same version,
 * same files, no uncommitted index folders left behind.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, pageErrors } from './support/browser';
import { describe as describeDataset, listFiles } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'big.lance', rows: 300_000, fragments: 6, openDataset: false });

/** A window of its own on the dataset: each test starts from the page, not another test's clicks. */
async function openWindow(): Promise<Page> {
  const page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(w.uri)}`);
  await page.getByTestId('schema-tree').waitFor();
  return page;
}

/** Starts a long FTS build (1 worker, positions) and presses Esc once a batch really runs. */
async function cancelAnFtsBuild(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.locator('select[name=indexType]').selectOption('FTS');
  await page.locator('select[name=column]').selectOption('review');
  await page.locator('input[name=workers]').fill('1');
  await page.getByRole('button', { name: /defaults/ }).click();
  await page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('true');
  await page.getByTestId('build-button').click();
  await page.locator('[data-testid=batch-row][data-state=running]').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  // Past a few seconds Esc asks first (its own test is in window-progress); Enter confirms.
  const result = page.getByTestId('result-card');
  const question = page.getByTestId('cancel-question');
  await result.or(question).waitFor({ timeout: 60_000 });
  if (await question.isVisible()) await page.keyboard.press('Enter');
  await result.waitFor({ timeout: 60_000 });
  expect(await result.getAttribute('data-outcome')).toBe('cancelled');
}

describe('cancel', () => {
  it('Esc during the build phase cancels it and the dataset is unchanged', async () => {
    const page = await openWindow();
    const before = await listFiles(w.uri);
    const versionBefore = (await describeDataset(w.uri)).version;

    await cancelAnFtsBuild(page);
    expect(await page.getByTestId('result-card').textContent()).toContain(`still at version ${versionBefore}`);
    expect(await page.getByTestId('build-status').textContent()).toBe('cancelled');

    expect((await describeDataset(w.uri)).version).toBe(versionBefore);
    expect(await listFiles(w.uri)).toEqual(before);
    expect(await page.getByTestId('dataset-version').textContent()).toBe(String(versionBefore));
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('after a cancel the workers come back and a build succeeds', async () => {
    const page = await openWindow();
    await cancelAnFtsBuild(page); // its own cancel: the test above may not have run
    await page.getByRole('button', { name: /1 set ▾/ }).click();
    await page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('');
    await page.locator('select[name=indexType]').selectOption('BTREE');
    await page.locator('select[name=column]').selectOption('id');
    await page.locator('input[name=workers]').fill('2');
    await page.getByTestId('build-button').click();
    const result = page.getByTestId('result-card');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    await page.getByRole('tab', { name: /^History/ }).click();
    // Newest first; the host's History also lists builds other tests made.
    const outcomes = await page.getByTestId('history-row').locator('.status-pill').allTextContents();
    expect(outcomes.slice(0, 2)).toEqual(['succeeded', 'cancelled']);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
