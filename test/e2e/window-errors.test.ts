/**
 * Bad input is shown next to the field it concerns, by the browser's own checks and by the
 * core's validation alike, and nothing starts while any remains.
 */
import { describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, pageErrors } from './support/browser';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'small.lance', rows: 20_000, fragments: 6, openDataset: false });

/** A window of its own: each test starts from the page, never from another test's form. */
async function openWindow(opts: { dataset?: boolean } = {}): Promise<Page> {
  return openPage(w.browser, opts.dataset ? `${w.host.url}&dataset=${encodeURIComponent(w.uri)}` : w.host.url);
}
const uriInput = (page: Page) => page.locator('input[name=uri]');

describe('errors by their field', () => {
  it('starts with a designed empty state and the Open form', async () => {
    const page = await openWindow();
    await page.getByTestId('no-dataset').waitFor();
    await uriInput(page).waitFor();
    await page.context().close();
  });

  it('an empty path, a missing dataset and a folder that is no dataset are refused under the path field', async () => {
    const page = await openWindow();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain('Give a dataset folder');

    await uriInput(page).fill(join(w.dir, 'nope.lance'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain('No Lance dataset at');
    await page.getByTestId('dataset-unreadable').waitFor();

    const empty = join(w.dir, 'empty-folder');
    await mkdir(empty);
    await uriInput(page).fill(empty);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain(empty);
    await page.context().close();
  });

  it('storage options that are not key=value are refused under their field', async () => {
    const page = await openWindow();
    await uriInput(page).fill(w.uri);
    await page.locator('textarea[name=storageOptions]').fill('region us-east-1');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-storageOptions').textContent()).toContain("'region us-east-1' is not key=value");
    await page.locator('textarea[name=storageOptions]').fill('');
    await page.context().close();
  });

  it('a namespace without a table id is refused under the table id field', async () => {
    const page = await openWindow();
    await page.getByRole('tab', { name: 'Lance namespace' }).click();
    await page.locator('input[name=namespaceRoot]').fill(w.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-tableId').textContent()).toContain('Give a table id');
    await page.getByRole('tab', { name: 'Folder or URI' }).click();
    await page.context().close();
  });

  it('opens the dataset, then Ctrl/⌘-O brings the Open panel back and Esc closes it', async () => {
    const page = await openWindow();
    await uriInput(page).fill(w.uri);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('schema-tree').waitFor();
    await page.keyboard.press('Control+o');
    await page.getByRole('dialog', { name: 'Open a dataset' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });

  it('build form problems appear under workers, name, fragments and parameters; Build starts nothing', async () => {
    const page = await openWindow({ dataset: true });
    await page.getByTestId('schema-tree').waitFor();
    await page.getByRole('tab', { name: /^Build/ }).click();
    const workers = page.locator('input[name=workers]');

    await workers.fill('two');
    await expect.poll(() => page.getByTestId('error-workers').textContent()).toContain("Workers must be a whole number; got 'two'");
    await expect.poll(() => page.getByTestId('balance-problem').textContent()).toContain('Give 1 to 256 workers');

    // The core's own check, with its own words.
    await workers.fill('0');
    await expect.poll(() => page.getByTestId('error-workers').textContent()).toContain('Workers must be a whole number from 1 to 256; got 0');
    // Build is off and says why, instead of a button that does nothing.
    await expect.poll(() => page.getByTestId('build-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('build-blocked').textContent()).toBe('Fix Workers first');
    expect(await page.getByTestId('build-blocked').getAttribute('title')).toBe('Workers must be a whole number from 1 to 256; got 0.');
    await workers.fill('2');
    await expect.poll(() => page.getByTestId('build-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('build-blocked').count()).toBe(0);
    await expect.poll(() => page.getByTestId('error-workers').count()).toBe(0);

    await page.locator('input[name=fragmentIds]').fill('1-3, 999');
    await expect.poll(() => page.getByTestId('error-fragmentIds').textContent()).toContain('Fragment id 999 does not exist');
    await page.locator('input[name=fragmentIds]').fill('3-1');
    await expect.poll(() => page.getByTestId('error-fragmentIds').textContent()).toContain('runs backwards');
    await page.locator('input[name=fragmentIds]').fill('');

    await page.locator('input[name=name]').fill('bad/name');
    await expect.poll(() => page.getByTestId('error-name').textContent()).toContain("Index name 'bad/name' is not allowed");

    // Build is off while the name is bad, and says why; Ctrl-Enter starts nothing either.
    await expect.poll(() => page.getByTestId('build-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('build-blocked').textContent()).toBe('Fix Name first');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('error-name').count()).toBe(1);
    expect(await page.getByTestId('run').count()).toBe(0);
    await page.locator('input[name=name]').fill('');

    await page.locator('select[name=indexType]').selectOption('ZONEMAP');
    await page.getByRole('button', { name: /defaults/ }).click();
    await page.locator('.param', { hasText: 'rows_per_zone' }).locator('input').fill('many');
    await expect.poll(() => page.getByTestId('error-indexParams').textContent()).toContain("Parameter 'rows_per_zone' must be a whole number");
    await page.locator('.param', { hasText: 'rows_per_zone' }).locator('input').fill('');
    await expect.poll(() => page.getByTestId('error-indexParams').count()).toBe(0);

    await page.getByRole('tab', { name: /^History/ }).click();
    await page.getByTestId('history-empty').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
