/**
 * Issue 10's Explore additions for docs/window.md: drop asking first, the orphan cleanup, what
 * each version changed and an older version read-only, column statistics, the Query view's
 * count, timings side by side and history, the histogram on a log scale, and a failed build's
 * "Retry the failed batch". Needs a running host and a dataset with an index (category_idx).
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPage } from './browser';
import type { Shot } from './ray-screenshots';

async function open(browser: Browser, url: string, uri: string): Promise<Page> {
  const page = await openPage(browser, `${url}&dataset=${encodeURIComponent(uri)}`);
  await page.getByTestId('schema-tree').waitFor();
  return page;
}

export async function exploreScreenshots(browser: Browser, opts: { url: string; uri: string; dir: string; shot: Shot }): Promise<void> {
  const { url, shot } = opts;
  // A copy to change (drop, cleanup) and one with a cut data file (a build that fails).
  const copy = join(opts.dir, 'care', 'reviews.lance');
  await cp(opts.uri, copy, { recursive: true });
  const orphan = join(copy, '_indices', randomUUID());
  await mkdir(orphan, { recursive: true });
  await writeFile(join(orphan, 'part.lance'), Buffer.alloc(200_000, 1));

  let page = await open(browser, url, copy);
  await page.locator('[data-testid=schema-row][data-column="category"]').getByTestId('column-stats-button').click();
  await page.locator('[data-testid=schema-row][data-column="review"]').getByTestId('column-stats-button').click();
  await page.locator('[data-testid=column-stats][data-column="review"]').waitFor();
  await page.locator('[data-testid=column-stats][data-column="category"]').waitFor();
  await shot(page, 'explore-column-stats');

  await page.getByRole('tab', { name: /^Indices/ }).click();
  await page.getByTestId('find-orphans').click();
  await page.getByTestId('orphan-list').waitFor();
  await page.getByTestId('drop-index').first().click();
  await shot(page, 'explore-indices-care');
  await page.getByTestId('remove-orphans').click();
  await page.getByTestId('confirm-remove').click();
  await page.getByTestId('removal-report').waitFor();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.getByTestId('rename-index').first().click();
  await page.locator('input[name=newName]').fill('category/bitmap');
  await shot(page, 'explore-indices-cleanup-rename');

  await page.getByRole('tab', { name: /^Versions/ }).click();
  await shot(page, 'explore-versions-operations');
  await page.getByTestId('open-version').last().click();
  await page.getByTestId('readonly-banner').waitFor();
  await page.getByRole('tab', { name: /^Indices/ }).click();
  await shot(page, 'explore-read-only');
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.getByTestId('build-blocked').waitFor();
  await shot(page, 'build-read-only');
  await page.context().close();

  page = await open(browser, url, opts.uri);
  await page.getByRole('tab', { name: /^Fragments/ }).click();
  await page.getByLabel('log scale (for skewed sizes)').check();
  await shot(page, 'explore-fragments-log');
  await page.getByRole('tab', { name: /^Query/ }).click();
  for (const [text, limit] of [
    ["category = 'toys'", '20'],
    ['rating > 4.5', '100'],
    ["category = 'books'", '100'],
  ] as const) {
    await page.locator('input[name=query]').fill(text);
    await page.getByLabel('Limit', { exact: true }).fill(limit);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator(`[data-testid=query-history] code`, { hasText: text }).waitFor();
  }
  await page.getByTestId('query-timings').waitFor();
  await shot(page, 'explore-query-count-timings', true);
  await page.context().close();

  const broken = join(opts.dir, 'broken', 'reviews.lance');
  await cp(opts.uri, broken, { recursive: true });
  const file = join(broken, 'data', (await readdir(join(broken, 'data'))).sort()[0]!);
  const whole = await readFile(file);
  await writeFile(file, whole.subarray(0, whole.length >> 1));
  page = await open(browser, url, broken);
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.locator('select[name=indexType]').selectOption('FTS');
  await page.locator('select[name=column]').selectOption('review');
  await page.locator('input[name=workers]').fill('2');
  await page.getByTestId('build-button').click();
  await page.getByTestId('retry-failed').waitFor({ timeout: 120_000 });
  await page.getByTestId('result-card').scrollIntoViewIfNeeded();
  await shot(page, 'build-retry-failed');
  await page.context().close();
}
