/**
 * The Query view (issue 10, what users of similar tools expect): a LIMIT control, the true match
 * count ("first 100 of 2,455"), the same query timed with and without its index side by side
 * (full-text search says it needs its index), and this session's queries, a click running one
 * again. Real dataset, real engine, real Chromium; counts are checked against pylance read
 * independently (a plain pass over the column, no index).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { PYTHON } from '../helpers/paths';
import { pageErrors } from './support/browser';
import { openDatasetWindow, tab } from './support/build-form';
import { CLI, ROOT } from './support/host';
import { useWindowOnSample } from './support/window-fixture';

const run = promisify(execFile);
const w = useWindowOnSample({ name: 'reviews.lance', rows: 40_000, fragments: 4, openDataset: false });

/** Rows matching, counted by reading the column in Python: no index, no engine of ours. */
async function countInPython(uri: string, expr: string): Promise<number> {
  const script = `import lance, sys\nt = lance.dataset(sys.argv[1]).to_table()\nrows = t.to_pylist()\nprint(sum(1 for r in rows if (${expr})))`;
  const { stdout } = await run(PYTHON, ['-c', script, uri], { env: { ...process.env, LANCE_LOG: 'error' }, maxBuffer: 64 << 20 });
  return Number(stdout.trim());
}

beforeAll(async () => {
  // The indices the queries use, built the way a person at a terminal would.
  for (const [column, type] of [
    ['category', 'BITMAP'],
    ['review', 'FTS'],
  ]) {
    await run(process.execPath, [CLI, 'build', '--uri', w.uri, '--column', column!, '--type', type!, '--workers', '1'], { cwd: ROOT });
  }
});

async function openQuery(): Promise<Page> {
  const page = await openDatasetWindow(w, w.uri);
  await tab(page, /^Query/).click();
  return page;
}

async function query(page: Page, opts: { text: string; mode?: 'filter' | 'fullText'; limit?: string }): Promise<void> {
  await page.locator('select[aria-label="query kind"]').selectOption(opts.mode ?? 'filter');
  await page.locator('input[name=query]').fill(opts.text);
  if (opts.limit !== undefined) await page.getByLabel('Limit', { exact: true }).fill(opts.limit);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

const gridRows = (page: Page) => page.getByTestId('query-grid').locator('tbody tr');
const notes = (page: Page) => page.getByTestId('query-notes').locator('li').allTextContents();

describe('the Query view', () => {
  it('says the true match count beside the rows the limit lets through, and the limit control changes how many come back', async () => {
    const books = await countInPython(w.uri, "r['category'] == 'books'");
    expect(books).toBeGreaterThan(100); // else "first 100 of" could not show
    const page = await openQuery();
    await query(page, { text: "category = 'books'" });
    await expect.poll(() => notes(page)).toContain(`first 100 of ${books.toLocaleString('en-US')} matching rows`);
    expect(await gridRows(page).count()).toBe(100);

    await query(page, { text: "category = 'books'", limit: '7' });
    await expect.poll(() => gridRows(page).count()).toBe(7);
    expect(await notes(page)).toContain(`first 7 of ${books.toLocaleString('en-US')} matching rows`);

    // All matches within the limit: no "first N of" note at all.
    const few = await countInPython(w.uri, "r['id'] < 5");
    await query(page, { text: 'id < 5', limit: '100' });
    await expect.poll(() => gridRows(page).count()).toBe(few);
    expect((await page.getByTestId('query-notes').count()) === 0 || !(await notes(page)).some((n) => n.startsWith('first'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a limit out of bounds is said under the field (aria-invalid, described by the message) and runs nothing', async () => {
    const page = await openQuery();
    await query(page, { text: "category = 'books'", limit: '3' });
    await expect.poll(() => gridRows(page).count()).toBe(3);
    await query(page, { text: "category = 'toys'", limit: '0' });
    const limit = page.getByLabel('Limit', { exact: true });
    await expect.poll(() => limit.getAttribute('aria-invalid')).toBe('true');
    const message = page.getByTestId('error-limit');
    expect(await message.textContent()).toBe('The limit is a whole number from 1 to 10,000.');
    expect(await limit.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
    // Nothing ran: the result and the history are still the books query's.
    expect(await gridRows(page).count()).toBe(3);
    expect(await page.getByTestId('query-history').locator('li').count()).toBe(1);
    await limit.fill('20001');
    expect(await limit.getAttribute('aria-invalid')).toBeNull(); // typing clears it until the next run
    await page.context().close();
  });

  it("an error echoing a 20,000-character filter wraps and scrolls inside its message; the page doesn't widen", async () => {
    const page = await openQuery();
    await query(page, { text: '/'.repeat(20_000) });
    const message = page.getByTestId('error-query');
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toMatch(/^The query could not run: .*Error parsing statement/s);
    const box = await message.evaluate((el) => ({
      wide: el.scrollWidth > el.clientWidth + 1,
      height: el.clientHeight,
      scrolls: el.scrollHeight > el.clientHeight,
    }));
    expect(box.wide).toBe(false);
    expect(box.scrolls).toBe(true);
    expect(box.height).toBeLessThan(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('times the same filter with and without its index side by side; a full-text search says it needs its index', async () => {
    const page = await openQuery();
    await query(page, { text: "category = 'books'" });
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index category_idx');
    const timings = page.getByTestId('query-timings');
    expect(await timings.locator('dt').allTextContents()).toEqual(['with category_idx', 'without it']);
    expect(await page.getByTestId('time-with-index').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(await page.getByTestId('time-without-index').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);

    await query(page, { text: 'support', mode: 'fullText' });
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index review_idx');
    expect(await page.getByTestId('time-without-index').textContent()).toMatch(/^needs its index/);
    const support = await countInPython(w.uri, "r['review'] and 'support' in r['review'].split()");
    expect(await notes(page)).toContain(`first 100 of ${support.toLocaleString('en-US')} matching rows`);

    // A query no index answers has nothing to compare: no side-by-side.
    await query(page, { text: 'rating > 4' });
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('full scan');
    expect(await page.getByTestId('query-timings').count()).toBe(0);

    // Unticked, the query runs once: no time without the index.
    await page.getByLabel('time it without the index too').uncheck();
    await query(page, { text: "category = 'toys'" });
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index category_idx');
    expect(await page.getByTestId('query-timings').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("lists this session's queries newest first, once each; a click puts one back in the box and runs it again", async () => {
    const page = await openQuery();
    await query(page, { text: "category = 'books'", limit: '5' });
    await expect.poll(() => gridRows(page).count()).toBe(5);
    await query(page, { text: 'support', mode: 'fullText', limit: '9' });
    await expect.poll(() => gridRows(page).count()).toBe(9);
    await query(page, { text: "category = 'books'", limit: '5' }); // the same again: listed once, now first
    await expect.poll(() => page.getByTestId('query-history').locator('code').allTextContents()).toEqual(["category = 'books'", 'support']);

    await page
      .getByTestId('query-history')
      .getByRole('button', { name: /support/ })
      .click();
    await expect.poll(() => gridRows(page).count()).toBe(9);
    expect(await page.locator('select[aria-label="query kind"]').inputValue()).toBe('fullText');
    expect(await page.locator('input[name=query]').inputValue()).toBe('support');
    expect(await page.getByLabel('Limit', { exact: true }).inputValue()).toBe('9');
    expect(await page.getByTestId('query-index').textContent()).toBe('used index review_idx');
    await expect.poll(() => page.getByTestId('query-history').locator('code').allTextContents()).toEqual(['support', "category = 'books'"]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
