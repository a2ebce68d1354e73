/**
 * 100,000 fragments, for real: a Lance dataset with 100,000 tiny fragments of uneven sizes,
 * opened through browser mode and the real core. The table stays virtual (few rows in the DOM),
 * scrolls to the end, sorts, selects all, and the balance chart plans them as workers change.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { balanceFragments } from '@shared/balance';
import type { FragmentInfo } from '@shared/contract/dataset';
import { engineEnv, pythonExecutable } from '@engine/python-env';
import { pageErrors, openPage } from './support/browser';
import { describe as describeDataset } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const N = 100_000;
// The fixture's own small sample is not used here; the window opens the big dataset below.
const w = useWindowOnSample({ name: 'unused.lance', rows: 1000, fragments: 2, openDataset: false });
let fragments: FragmentInfo[];
let page: typeof w.page;

beforeAll(async () => {
  const uri = join(w.dir, 'many.lance');
  execFileSync(pythonExecutable(), [join(import.meta.dirname, 'support', 'many-fragments.py'), uri, String(N)], { env: engineEnv() });
  fragments = (await describeDataset(uri)).fragments;
  page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(uri)}`);
  await page.getByTestId('schema-tree').waitFor({ timeout: 60_000 });
}, 180_000);

describe('100,000 fragments', () => {
  it('keeps the table virtual and reaches the last fragment by scrolling', async () => {
    await page.getByRole('tab', { name: /Fragments/ }).click();
    const table = page.getByTestId('fragments-table');
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe(String(N));
    expect(await page.getByTestId('fragment-row').count()).toBeLessThan(100);
    await page.locator('.vbody').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(`[data-testid=fragment-row][data-id="${N - 1}"]`).waitFor();
    expect(await page.getByTestId('fragment-row').count()).toBeLessThan(100);
  });

  it('sorts by rows, largest first', async () => {
    const started = Date.now();
    await page.getByTestId('sort-rows').click();
    const largest = [...fragments].sort((a, b) => b.rows! - a.rows! || a.id - b.id)[0]!;
    await page.locator('.vbody').evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => page.getByTestId('fragment-row').first().getAttribute('data-id')).toBe(String(largest.id));
    // Generous for a 2-core CI box; an unvirtualised table takes tens of seconds here.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('selects all, feeds the Build form, and the chart plans 100,000 fragments as workers change', async () => {
    await page.getByRole('button', { name: /Select all/ }).click();
    expect(await page.getByTestId('selection-bar').textContent()).toContain('100,000 selected');
    await page.getByTestId('build-on-selection').click();
    expect(await page.locator('input[name=fragmentIds]').inputValue()).toBe(`0-${N - 1}`);
    const chart = page.getByTestId('balance-chart');
    for (const w of [8, 3, 16]) {
      await page.locator('input[name=workers]').fill(String(w));
      await expect.poll(() => chart.getAttribute('data-workers'), { timeout: 5000 }).toBe(String(w));
      const plan = balanceFragments(fragments, w);
      expect(await page.getByTestId('balance-summary').textContent()).toContain(`makespan/ideal ${plan.makespanRatio.toFixed(3)}`);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
