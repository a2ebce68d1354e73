/**
 * Messages in plain words (issue 10), as the window shows them: the Query view says when it shows
 * only the first rows and when the index it used covers part of the fragments; a bare word in a
 * filter gets the hint to quote it; an FTS index on a column of short codes verifies as good; an
 * existing index's type is named with the right article.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { copyDataset } from '../helpers/temp';
import { pageErrors } from './support/browser';
import { buildAndWait, fillBuildForm, openDatasetWindow, tab } from './support/build-form';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'reviews.lance', rows: 30_000, fragments: 8, openDataset: false });

const openWindow = (uri: string) => openDatasetWindow(w, uri);

async function query(page: Page, filter: string): Promise<void> {
  await tab(page, /^Explore/).click();
  await tab(page, /Query/).click();
  await page.locator('input[name=query]').fill(filter);
  await page.getByRole('button', { name: 'Run' }).click();
}

describe('the Query view', () => {
  it('says the rows are capped at the limit, and that the index it used covers only some fragments', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'partial');
    const page = await openWindow(uri);
    await fillBuildForm(page, { type: 'BITMAP', column: 'category', fragments: '0-1' });
    await buildAndWait(page);
    await query(page, "category = 'books'");
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index category_idx');
    const notes = await page.getByTestId('query-notes').locator('li').allTextContents();
    // The Query view counts every match now (issue 10): the limit's note carries the true count.
    expect(notes[0]).toMatch(/^first 100 of \d{1,3}(,\d{3})* matching rows$/);
    expect(notes.slice(1)).toEqual(['category_idx covers 2 of 8 fragments; the other 6 were scanned without it']);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a value without its quotes: the error says to quote it, with the filter fixed', async () => {
    const page = await openWindow(w.uri);
    await query(page, 'category = books');
    await expect
      .poll(() => page.getByTestId('error-query').textContent())
      .toBe(
        "The query could not run: no column is named 'books'. If books is a value, put it in single quotes: category = 'books'. The columns are id, user_id, rating, price, category, country, review, tags, meta, created.",
      );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('build messages', () => {
  it('FTS on a column of short codes (some of them stop words) verifies as good; a BTREE of its name is refused with "an Inverted index"', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'codes');
    const page = await openWindow(uri);
    await fillBuildForm(page, { type: 'FTS', column: 'country' });
    await buildAndWait(page);
    expect(await page.getByTestId('verification-status').textContent()).toBe('OK');
    expect(await page.getByTestId('verification').textContent()).toMatch(/query full-text search for '\w+' uses the index/);

    await page.locator('select[name=indexType]').selectOption('BTREE');
    await page.locator('select[name=column]').selectOption('country');
    await page.locator('input[name=name]').fill('country_idx');
    await expect
      .poll(() => page.getByTestId('error-name').textContent())
      .toBe(
        "An index named 'country_idx' already exists as an Inverted index on country; a BTREE build can't replace it (Lance replaces an index only with one of the same type). Choose another name, e.g. 'country_btree_idx'.",
      );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
