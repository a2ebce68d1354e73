/**
 * 100,000 fragments: the table stays virtual (few rows in the DOM), scrolls to the end, sorts,
 * selects all, and the balance chart plans them while the workers field changes. The host is
 * the real browser-mode server with a stub core that describes a synthetic dataset (writing
 * 100,000 real fragments would take minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { balanceFragments } from '@shared/balance';
import type { DatasetDescription } from '@shared/contract/dataset';
import type { StudioHandlers } from '@core/studio-service';
import { startHost, type RunningHost } from '../../electron/host/host-server';
import { launchChromium, openPage, pageErrors } from './support/browser';
import { ROOT } from './support/host';

const N = 100_000;
// Uneven sizes with a fixed pattern, so the plan is reproducible.
const fragments = Array.from({ length: N }, (_, id) => {
  const rows = 200 + ((id * 7919) % 5000);
  return { id, rows, physicalRows: rows + (id % 3), deletedRows: id % 3, bytes: rows * 52 };
});
const description: DatasetDescription = {
  uri: '/synthetic/many.lance',
  storageOptions: {},
  version: 7,
  latestVersion: 7,
  schema: [
    { name: 'id', path: 'id', type: { kind: 'int', arrow: 'int64' }, nullable: false },
    { name: 'body', path: 'body', type: { kind: 'string', arrow: 'string' }, nullable: true },
  ],
  fragments,
  indices: [],
  versions: [{ version: 7, timestamp: '2026-01-01T00:00:00Z', rows: null, fragments: N }],
};

const notHere = async (): Promise<never> => {
  throw Object.assign(new Error('not part of this test'), { kind: 'internal' });
};
const handlers: StudioHandlers = {
  engineStatus: async () => ({ ok: true, python: '3', pylance: '10.0.0', cpus: 8 }),
  describeDataset: async () => description,
  validateBuild: async (r) => ({ ok: true, errors: [], indexName: `${r.column}_idx`, plan: balanceFragments(fragments, r.workers) }),
  startBuild: notHere,
  cancelBuild: async () => ({ cancelled: false }),
  listBuilds: async () => [],
  previewRows: notHere,
  runQuery: notHere,
  recentDatasets: async () => [],
  pickDatasetFolder: async () => ({ supported: false, path: null }),
};

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost({ handlers, subscribe: () => () => undefined, rendererDir: join(ROOT, 'out', 'renderer') });
  browser = await launchChromium();
  page = await openPage(browser, `${host.url}&dataset=${encodeURIComponent(description.uri)}`);
  await page.getByTestId('schema-tree').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

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
    const largest = [...fragments].sort((a, b) => b.rows - a.rows || a.id - b.id)[0]!;
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
