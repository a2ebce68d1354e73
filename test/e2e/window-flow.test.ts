/**
 * The whole flow a person does, in real Chromium against browser mode (`lance-index ui`):
 * open a dataset the test made, explore it, change workers and watch the chart follow, build
 * with 2 workers and watch every batch reach commit and verification, then see the index used.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { balanceFragments } from '@shared/balance';
import { balanceInWords } from '@shared/balance-words';
import { copyDataset } from '../helpers/temp';
import { pageErrors } from './support/browser';
import { openDatasetWindow, tab } from './support/build-form';
import { describe as describeDataset } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'reviews.lance', rows: 30_000, fragments: 8, openDataset: false });

const openWindow = (uri: string) => openDatasetWindow(w, uri);

describe('window flow (browser mode)', () => {
  it('opens the dataset named in the URL and shows who it is in the sidebar', async () => {
    const page = await openWindow(w.uri);
    const identity = page.getByTestId('dataset-identity');
    await expect.poll(() => identity.textContent()).toContain('reviews.lance');
    expect(await page.getByTestId('dataset-version').textContent()).toBe('2');
    // The recent list remembers it (the core wrote it to the state w.dir).
    await expect.poll(() => page.locator('.recent-item.current .recent-path').textContent()).toBe(w.uri);
    await page.context().close();
  });

  it('explores schema, fragments, versions, data and query', async () => {
    const page = await openWindow(w.uri);
    const columns = await page.getByTestId('schema-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.column));
    expect(columns).toEqual(expect.arrayContaining(['id', 'review', 'tags', 'meta', 'meta.score', 'created']));

    await tab(page, /Fragments/).click();
    const rows = page.getByTestId('fragment-row');
    await expect.poll(() => rows.count()).toBe(8);
    // Sort by rows, largest first: the first row is the largest fragment.
    const d = await describeDataset(w.uri);
    const largest = [...d.fragments].sort((a, b) => b.rows! - a.rows! || a.id - b.id)[0]!;
    await page.getByTestId('sort-rows').click();
    await expect.poll(() => rows.first().getAttribute('data-id')).toBe(String(largest.id));
    // Click, then Shift-click: a range of three is selected and offered to the Build form.
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('[data-testid=fragment-row][aria-selected=true]').count()).toBe(3);
    expect(await page.getByTestId('selection-bar').textContent()).toContain('3 selected');
    await page.getByRole('button', { name: 'Clear' }).click();

    await tab(page, /Versions/).click();
    await expect.poll(() => page.getByTestId('versions-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);

    await tab(page, /^Data/).click();
    await expect.poll(() => page.getByTestId('data-grid').locator('tbody tr').count()).toBe(100);
    expect(await page.getByTestId('pager').textContent()).toContain(`of ${d.fragments.reduce((n, f) => n + f.rows!, 0).toLocaleString('en-US')}`);
    await page.getByRole('button', { name: 'Next ›' }).click();
    await expect.poll(() => page.getByTestId('data-grid').locator('tbody tr').first().locator('td').first().textContent()).toBe('100');

    await tab(page, /Query/).click();
    await page.locator('input[name=query]').fill("category = 'books'");
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('full scan');
    expect(await page.getByTestId('query-meta').textContent()).toMatch(/\d+ rows/);
    await page.context().close();
  });

  it('the balance chart follows the workers field, planned by the same code as the core', async () => {
    const page = await openWindow(w.uri);
    await page.getByRole('tab', { name: /^Build/ }).click();
    const chart = page.getByTestId('balance-chart');
    await chart.waitFor();
    const d = await describeDataset(w.uri);
    for (const workers of [1, 3, 2]) {
      await page.locator('input[name=workers]').fill(String(workers));
      await expect.poll(() => chart.getAttribute('data-workers')).toBe(String(workers));
      const plan = balanceFragments(d.fragments, workers);
      // Every bar's label says what the planner says: rows, fragments and share.
      for (const load of plan.workers) {
        const n = load.fragmentIds.length;
        await expect.poll(() => chart.textContent()).toContain(`${n} frag${n === 1 ? '' : 's'} · ${load.share.toFixed(1)}%`);
      }
      expect(await page.getByTestId('balance-summary').textContent()).toContain(balanceInWords(plan, availableParallelism())); // in batches when more than the CPUs
    }
    // More workers than fragments: the planner drops the empty batches and says so.
    await page.getByRole('button', { name: 'more workers' }).click({ clickCount: 8 });
    await expect.poll(() => chart.getAttribute('data-workers')).toBe('8');
    expect(await page.getByTestId('balance-summary').textContent()).toContain('there are only 8 fragment(s)');
    await page.context().close();
  });

  it('builds an FTS index with 2 workers: every batch reaches commit, verification passes; Explore and History show it', async () => {
    // Its own copy: the build changes the dataset the other tests read.
    const uri = await copyDataset(w.uri, w.dir, 'built');
    const page = await openWindow(uri);
    await page.getByRole('tab', { name: /^Build/ }).click();
    await page.locator('select[name=indexType]').selectOption('FTS');
    // FTS queries are faster on one merged segment: choosing the type ticks "merge segments".
    expect(await page.locator('input[name=mergeSegments]').isChecked()).toBe(true);
    // Only string columns are offered for FTS; the rest are listed with the reason.
    const offered = await page.locator('select[name=column] option').allTextContents();
    expect(offered.every((o) => /string/.test(o))).toBe(true);
    await page.getByRole('button', { name: /don’t suit FTS/ }).click();
    expect(await page.getByTestId('unsuitable-columns').textContent()).toContain("Column 'id' has type int64; FTS needs strings");
    await page.locator('select[name=column]').selectOption('review');
    await page.locator('input[name=workers]').fill('2');
    await expect.poll(() => page.getByTestId('balance-chart').getAttribute('data-workers')).toBe('2');
    await expect.poll(() => page.locator('.validating').textContent()).toBe('');

    await page.keyboard.press('Control+Enter');
    const run = page.getByTestId('run');
    await run.waitFor();
    // The chart switches to the run's plan, and the batch table shows one row per worker.
    await expect.poll(() => page.getByTestId('balance-chart').getAttribute('data-mode')).toBe('run');
    const result = page.getByTestId('result-card');
    await result.waitFor({ timeout: 90_000 });
    expect(await result.getAttribute('data-outcome')).toBe('succeeded');
    const batches = page.getByTestId('batch-row');
    expect(await batches.count()).toBe(2);
    expect(await batches.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state))).toEqual(['done', 'done']);
    const phases = await page
      .locator('[data-testid=phase-timeline] [data-phase]')
      .evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.phase}:${(e as HTMLElement).dataset.state}`));
    expect(phases).toEqual(['validate:done', 'plan:done', 'build:done', 'commit:done', 'verify:done']);
    expect(await result.textContent()).toContain('review_idx');
    expect(await result.textContent()).toContain('version 2 → 3');
    expect(await page.getByTestId('verification-status').textContent()).toBe('OK');
    expect(await page.getByTestId('verification').textContent()).toContain('uses the index');

    // The window re-read the dataset: new version in the sidebar, the index in Explore.
    await expect.poll(() => page.getByTestId('dataset-version').textContent()).toBe('3');
    const d = await describeDataset(uri);
    expect(d.version).toBe(3);
    expect(d.indices.map((i) => i.name)).toContain('review_idx');
    expect(d.indices.find((i) => i.name === 'review_idx')!.segments).toHaveLength(1);

    // The new index in Explore, and a query that uses it.
    await page.getByRole('tab', { name: /^Explore/ }).click();
    await tab(page, /Indices/).click();
    const card = page.locator('[data-testid=index-card][data-name=review_idx]');
    await card.waitFor();
    expect(await card.textContent()).toContain('8 of 8 fragments');
    await tab(page, /Schema/).click();
    expect(await page.locator('[data-testid=schema-row][data-column=review]').textContent()).toContain('review_idx');

    await tab(page, /Query/).click();
    await page.locator('select[aria-label="query kind"]').selectOption('fullText');
    await page.locator('input[name=query]').fill('slow');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index review_idx');

    // The session's builds in History (no other test here builds), the full result on click.
    await page.getByRole('tab', { name: /^History/ }).click();
    const rows = page.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('succeeded');
    await rows.first().click();
    expect(await page.getByTestId('history-detail').textContent()).toContain('review_idx');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
