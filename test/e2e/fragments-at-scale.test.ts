/**
 * 100,000 fragments, for real: a Lance dataset with 100,000 tiny fragments of uneven sizes,
 * opened through browser mode and the real core. The table stays virtual (few rows in the DOM),
 * scrolls to the end, sorts, selects all, and the balance chart plans them as workers change.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { balanceFragments } from '@shared/balance';
import { balanceInWords } from '@shared/balance-words';
import type { FragmentInfo } from '@shared/contract/dataset';
import { engineEnv, pythonExecutable } from '@engine/python-env';
import type { Page } from 'playwright-core';
import { pageErrors, openPage } from './support/browser';
import { describe as describeDataset } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const N = 100_000;
// The fixture's own small sample is not used here; the window opens the big dataset below.
const w = useWindowOnSample({ name: 'unused.lance', rows: 1000, fragments: 2, openDataset: false });
let fragments: FragmentInfo[];
let uri: string;

beforeAll(async () => {
  uri = join(w.dir, 'many.lance');
  execFileSync(pythonExecutable(), [join(import.meta.dirname, 'support', 'many-fragments.py'), uri, String(N)], { env: engineEnv() });
  fragments = (await describeDataset(uri)).fragments;
}, 180_000);

/** A window of its own on the big dataset, at the Fragments tab: no test relies on another's clicks. */
async function fragmentsTab(): Promise<Page> {
  const page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(uri)}`);
  await page.getByTestId('schema-tree').waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: /Fragments/ }).click();
  await page.getByTestId('fragments-table').waitFor();
  return page;
}

describe('100,000 fragments', () => {
  it('keeps the table virtual and reaches the last fragment by scrolling', async () => {
    const page = await fragmentsTab();
    // The header row counts in aria-rowcount.
    expect(await page.getByTestId('fragments-table').getAttribute('aria-rowcount')).toBe(String(N + 1));
    expect(await page.getByTestId('fragment-row').count()).toBeLessThan(100);
    await page.locator('.vbody').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(`[data-testid=fragment-row][data-id="${N - 1}"]`).waitFor();
    expect(await page.getByTestId('fragment-row').count()).toBeLessThan(100);
    await page.context().close();
  });

  it('sorts by rows, largest first, still virtual', async () => {
    // How fast is not asserted (a loaded machine would flake it); that the table stays virtual
    // while sorting 100,000 rows is what keeps it fast, and that is checked.
    const page = await fragmentsTab();
    await page.getByTestId('sort-rows').click();
    const largest = [...fragments].sort((a, b) => b.rows! - a.rows! || a.id - b.id)[0]!;
    await page.locator('.vbody').evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => page.getByTestId('fragment-row').first().getAttribute('data-id')).toBe(String(largest.id));
    expect(await page.getByTestId('fragment-row').count()).toBeLessThan(100);
    await page.context().close();
  });

  it('selects all, feeds the Build form, and the chart plans 100,000 fragments as workers change', async () => {
    const page = await fragmentsTab();
    await page.getByRole('button', { name: /Select all/ }).click();
    expect(await page.getByTestId('selection-bar').textContent()).toContain('100,000 selected');
    await page.getByTestId('build-on-selection').click();
    expect(await page.locator('input[name=fragmentIds]').inputValue()).toBe(`0-${N - 1}`);
    const chart = page.getByTestId('balance-chart');
    for (const workers of [8, 3, 16]) {
      await page.locator('input[name=workers]').fill(String(workers));
      await expect.poll(() => chart.getAttribute('data-workers'), { timeout: 5000 }).toBe(String(workers));
      const plan = balanceFragments(fragments, workers);
      expect(await page.getByTestId('balance-summary').textContent()).toContain(balanceInWords(plan, availableParallelism())); // in batches when more than the CPUs
    }
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
