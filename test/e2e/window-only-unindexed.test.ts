/**
 * Rows appended by another writer after an index was built: the window offers to index only
 * the fragments the index lacks, and that build covers them without touching the others.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pythonExecutable, engineEnv } from '@engine/python-env';
import { launchChromium, openPage, pageErrors } from './support/browser';
import { describe as describeDataset, makeSample } from './support/dataset';
import { startUiHost, type Host } from './support/host';

let dir: string;
let uri: string;
let host: Host;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lance-index-e2e-'));
  uri = join(dir, 'grow.lance');
  await makeSample(uri, 20_000, 4);
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

async function buildAndWait(): Promise<void> {
  await page.getByTestId('build-button').click();
  const result = page.getByTestId('result-card');
  await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
}

it('offers "index only the unindexed" after another writer appends, and covers just those', async () => {
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.locator('select[name=indexType]').selectOption('BTREE');
  await page.locator('select[name=column]').selectOption('id');
  await page.locator('input[name=workers]').fill('2');
  await buildAndWait();
  const first = (await describeDataset(uri)).indices.find((i) => i.name === 'id_idx')!;
  expect(first.fragmentIds).toEqual([0, 1, 2, 3]);

  // Another process appends rows: a new fragment the index doesn't cover.
  execFileSync(pythonExecutable(), ['-c', `import lance; ds=lance.dataset(${JSON.stringify(uri)}); lance.write_dataset(ds.to_table(limit=300), ${JSON.stringify(uri)}, mode='append')`], { env: engineEnv() });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const offer = page.getByTestId('only-unindexed');
  await expect.poll(() => offer.textContent(), { timeout: 30_000 }).toBe('index only the 1 unindexed');
  await offer.click();
  expect(await page.locator('input[name=fragmentIds]').getAttribute('placeholder')).toBe('only the 1 unindexed');
  await buildAndWait();

  const after = (await describeDataset(uri)).indices.find((i) => i.name === 'id_idx')!;
  expect(after.fragmentIds).toEqual([0, 1, 2, 3, 4]);
  // The old segment stayed; the new one covers only the appended fragment.
  expect(after.segments.map((s) => s.fragmentIds)).toEqual(expect.arrayContaining([[0, 1, 2, 3], [4]]));
  expect(pageErrors(page)).toEqual([]);
});
