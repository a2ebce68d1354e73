/**
 * Bad input is shown next to the field it concerns, by the browser's own checks and by the
 * core's validation alike, and nothing starts while any remains.
 */
import { describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pageErrors } from './support/browser';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'small.lance', rows: 20_000, fragments: 6, openDataset: false });

const uriInput = () => w.page.locator('input[name=uri]');

describe('errors by their field', () => {
  it('starts with a designed empty state and the Open form', async () => {
    await w.page.getByTestId('no-dataset').waitFor();
    await uriInput().waitFor();
  });

  it('an empty path, a missing dataset and a folder that is no dataset are refused under the path field', async () => {
    await w.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => w.page.getByTestId('error-uri').textContent()).toContain('Give a dataset folder');

    await uriInput().fill(join(w.dir, 'nope.lance'));
    await w.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => w.page.getByTestId('error-uri').textContent()).toContain('No Lance dataset at');
    await w.page.getByTestId('dataset-unreadable').waitFor();

    const empty = join(w.dir, 'empty-folder');
    await mkdir(empty);
    await uriInput().fill(empty);
    await w.page.keyboard.press('Enter');
    await expect.poll(() => w.page.getByTestId('error-uri').textContent()).toContain(empty);
  });

  it('storage options that are not key=value are refused under their field', async () => {
    await uriInput().fill(w.uri);
    await w.page.locator('textarea[name=storageOptions]').fill('region us-east-1');
    await w.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => w.page.getByTestId('error-storageOptions').textContent()).toContain("'region us-east-1' is not key=value");
    await w.page.locator('textarea[name=storageOptions]').fill('');
  });

  it('a namespace without a table id is refused under the table id field', async () => {
    await w.page.getByRole('tab', { name: 'Lance namespace' }).click();
    await w.page.locator('input[name=namespaceRoot]').fill(w.dir);
    await w.page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => w.page.getByTestId('error-tableId').textContent()).toContain('Give a table id');
    await w.page.getByRole('tab', { name: 'Folder or URI' }).click();
  });

  it('opens the dataset, then Ctrl/⌘-O brings the Open panel back and Esc closes it', async () => {
    await uriInput().fill(w.uri);
    await w.page.getByRole('button', { name: 'Open', exact: true }).click();
    await w.page.getByTestId('schema-tree').waitFor();
    await w.page.keyboard.press('Control+o');
    await w.page.getByRole('dialog', { name: 'Open a dataset' }).waitFor();
    await w.page.keyboard.press('Escape');
    await expect.poll(() => w.page.getByRole('dialog').count()).toBe(0);
  });

  it('build form problems appear under workers, name, fragments and parameters; Build starts nothing', async () => {
    await w.page.getByRole('tab', { name: /^Build/ }).click();
    const workers = w.page.locator('input[name=workers]');

    await workers.fill('two');
    await expect.poll(() => w.page.getByTestId('error-workers').textContent()).toContain("Workers must be a whole number; got 'two'");
    await expect.poll(() => w.page.getByTestId('balance-problem').textContent()).toContain('Give 1 to 256 workers');

    // The core's own check, with its own words.
    await workers.fill('0');
    await expect.poll(() => w.page.getByTestId('error-workers').textContent()).toContain('Workers must be a whole number from 1 to 256; got 0');
    await workers.fill('2');
    await expect.poll(() => w.page.getByTestId('error-workers').count()).toBe(0);

    await w.page.locator('input[name=fragmentIds]').fill('1-3, 999');
    await expect.poll(() => w.page.getByTestId('error-fragmentIds').textContent()).toContain('Fragment id 999 does not exist');
    await w.page.locator('input[name=fragmentIds]').fill('3-1');
    await expect.poll(() => w.page.getByTestId('error-fragmentIds').textContent()).toContain('runs backwards');
    await w.page.locator('input[name=fragmentIds]').fill('');

    await w.page.locator('input[name=name]').fill('bad/name');
    await expect.poll(() => w.page.getByTestId('error-name').textContent()).toContain("Index name 'bad/name' is not allowed");

    // Build refuses while the name is bad: no run appears, no build is recorded.
    await w.page.getByTestId('build-button').click();
    await expect.poll(() => w.page.getByTestId('error-name').count()).toBe(1);
    expect(await w.page.getByTestId('run').count()).toBe(0);
    await w.page.locator('input[name=name]').fill('');

    await w.page.locator('select[name=indexType]').selectOption('ZONEMAP');
    await w.page.getByRole('button', { name: /defaults/ }).click();
    await w.page.locator('.param', { hasText: 'rows_per_zone' }).locator('input').fill('many');
    await expect.poll(() => w.page.getByTestId('error-indexParams').textContent()).toContain("Parameter 'rows_per_zone' must be a whole number");
    await w.page.locator('.param', { hasText: 'rows_per_zone' }).locator('input').fill('');
    await expect.poll(() => w.page.getByTestId('error-indexParams').count()).toBe(0);

    await w.page.getByRole('tab', { name: /^History/ }).click();
    await w.page.getByTestId('history-empty').waitFor();
    expect(pageErrors(w.page)).toEqual([]);
  });
});
