/** The Build form as a person fills it, for the window tests that build. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './browser';
import type { WindowContext } from './window-fixture';

/** A window of its own on `uri`, once the dataset is read: no test relies on a page another left. */
export async function openDatasetWindow(w: WindowContext, uri: string, size?: { width: number; height: number }): Promise<Page> {
  const page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(uri)}`, size);
  await page.getByTestId('schema-tree').waitFor();
  return page;
}

export const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name });

/** The form has been checked by the core and nothing stands against it. */
export async function formAccepted(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.validating').textContent()).toBe('');
  await expect.poll(() => page.locator('[data-testid^=error-]').allTextContents()).toEqual([]);
  expect(await page.getByTestId('build-button').isDisabled()).toBe(false);
}

/** On the Build screen: type, column, and optionally workers and fragments; then waits until the core accepts it. */
export async function fillBuildForm(page: Page, f: { type: string; column: string; workers?: number; fragments?: string }): Promise<void> {
  await tab(page, /^Build/).click();
  await page.locator('select[name=indexType]').selectOption(f.type);
  await page.locator('select[name=column]').selectOption(f.column);
  if (f.workers !== undefined) await page.locator('input[name=workers]').fill(String(f.workers));
  if (f.fragments !== undefined) await page.locator('input[name=fragmentIds]').fill(f.fragments);
  await formAccepted(page);
}

/** Build and wait for the result card's outcome. */
export async function buildAndWait(page: Page, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<void> {
  await page.getByTestId('build-button').click();
  await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe(outcome);
}

/** The build's state as its timeline says it (running, succeeded, failed, cancelled). */
export const status = (page: Page) => page.getByTestId('phase-timeline').getAttribute('data-status');

/** Seconds the first running batch has run, as its row says ("3.4 s"), 0 before. */
export async function ranSeconds(page: Page): Promise<number> {
  const text =
    (await page
      .locator('[data-testid=batch-row][data-state=running] [data-testid=batch-ran]')
      .first()
      .textContent()
      .catch(() => '')) ?? '';
  const m = /^([\d.]+) (ms|s)$/.exec(text.trim());
  return m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : 1) : 0;
}
