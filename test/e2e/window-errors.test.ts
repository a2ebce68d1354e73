/**
 * Bad input is shown next to the field it concerns, by the browser's own checks and by the
 * core's validation alike, and nothing starts while any remains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, pageErrors } from './support/browser';
import { makeSample } from './support/dataset';
import { startUiHost, type Host } from './support/host';

let dir: string;
let uri: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lance-index-e2e-'));
  uri = join(dir, 'small.lance');
  await makeSample(uri, 20_000, 6);
  host = await startUiHost({ stateDir: join(dir, 'state') });
  browser = await launchChromium();
  page = await openPage(browser, host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const uriInput = () => page.locator('input[name=uri]');

describe('errors by their field', () => {
  it('starts with a designed empty state and the Open form', async () => {
    await page.getByTestId('no-dataset').waitFor();
    await uriInput().waitFor();
  });

  it('an empty path, a missing dataset and a folder that is no dataset are refused under the path field', async () => {
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain('Give a dataset folder');

    await uriInput().fill(join(dir, 'nope.lance'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain('No Lance dataset at');
    await page.getByTestId('dataset-unreadable').waitFor();

    const empty = join(dir, 'empty-folder');
    await mkdir(empty);
    await uriInput().fill(empty);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('error-uri').textContent()).toContain(empty);
  });

  it('storage options that are not key=value are refused under their field', async () => {
    await uriInput().fill(uri);
    await page.locator('textarea[name=storageOptions]').fill('region us-east-1');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-storageOptions').textContent()).toContain("'region us-east-1' is not key=value");
    await page.locator('textarea[name=storageOptions]').fill('');
  });

  it('a namespace without a table id is refused under the table id field', async () => {
    await page.getByRole('tab', { name: 'Lance namespace' }).click();
    await page.locator('input[name=namespaceRoot]').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-tableId').textContent()).toContain('Give a table id');
    await page.getByRole('tab', { name: 'Folder or URI' }).click();
  });

  it('opens the dataset, then Ctrl/⌘-O brings the Open panel back and Esc closes it', async () => {
    await uriInput().fill(uri);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('schema-tree').waitFor();
    await page.keyboard.press('Control+o');
    await page.getByRole('dialog', { name: 'Open a dataset' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('build form problems appear under workers, name, fragments and parameters; Build starts nothing', async () => {
    await page.getByRole('tab', { name: /^Build/ }).click();
    const workers = page.locator('input[name=workers]');

    await workers.fill('two');
    await expect.poll(() => page.getByTestId('error-workers').textContent()).toContain("Workers must be a whole number; got 'two'");
    await expect.poll(() => page.getByTestId('balance-problem').textContent()).toContain('Give 1 to 256 workers');

    // The core's own check, with its own words.
    await workers.fill('0');
    await expect.poll(() => page.getByTestId('error-workers').textContent()).toContain('Workers must be a whole number from 1 to 256; got 0');
    await workers.fill('2');
    await expect.poll(() => page.getByTestId('error-workers').count()).toBe(0);

    await page.locator('input[name=fragmentIds]').fill('1-3, 999');
    await expect.poll(() => page.getByTestId('error-fragmentIds').textContent()).toContain('Fragment id 999 does not exist');
    await page.locator('input[name=fragmentIds]').fill('3-1');
    await expect.poll(() => page.getByTestId('error-fragmentIds').textContent()).toContain('runs backwards');
    await page.locator('input[name=fragmentIds]').fill('');

    await page.locator('input[name=name]').fill('bad/name');
    await expect.poll(() => page.getByTestId('error-name').textContent()).toContain("Index name 'bad/name' is not allowed");

    // Build refuses while the name is bad: no run appears, no build is recorded.
    await page.getByTestId('build-button').click();
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
  });
});
