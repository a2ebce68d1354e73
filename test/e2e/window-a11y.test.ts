/**
 * Keyboard and accessibility (issue 10, WCAG 2.2 AA): axe-core finds no serious or critical
 * violation on any screen, in the light and the dark theme; the tablists follow the arrow keys;
 * focus lands on the new screen's heading after Open; fragment rows are selectable by keyboard;
 * keyboard focus is drawn; the theme switch works and is remembered across a reload, applied
 * before the app's own code runs.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, pageErrors } from './support/browser';
import { seriousViolations, violationLines } from './support/axe';
import { fillBuildForm, formAccepted, openDatasetWindow, ranSeconds, status, tab } from './support/build-form';
import { useWindowOnSample } from './support/window-fixture';
import { startUiHost } from './support/host';

// 600K rows: an FTS build with the ngram tokenizer on one worker runs long enough to be checked while it runs.
const w = useWindowOnSample({ name: 'reviews.lance', rows: 600_000, fragments: 8, openDataset: false });

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

/** Walks every screen, noting what axe finds on each. */
async function checkEveryScreen(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    const lines = violationLines(await seriousViolations(page));
    if (lines.length) found[screen] = lines;
  };

  await page.getByTestId('no-dataset').waitFor();
  await check('Open');
  await page.locator('input[name=uri]').fill(`${w.dir}/no-such.lance`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('error-uri').waitFor();
  await check('Open, with an error under the path');

  await page.locator('input[name=uri]').fill(w.uri);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('schema-tree').waitFor();
  await check('Explore › Schema');
  await tab(page, /^Fragments/).click();
  await page.getByTestId('fragment-row').first().waitFor();
  await page.getByTestId('fragment-row').first().click(); // a selected row, and the Build on these bar
  await check('Explore › Fragments');
  await tab(page, /^Versions/).click();
  await page.getByTestId('version-row').first().waitFor();
  await check('Explore › Versions');
  await tab(page, /^Indices/).click();
  await page.getByTestId('indices').waitFor();
  await check('Explore › Indices');
  await tab(page, /^Data/).click();
  await page.getByTestId('data-grid').waitFor();
  await check('Explore › Data');
  await tab(page, /^Query/).click();
  await page.locator('input[name=query]').fill('rating > 4');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByTestId('query-meta').waitFor();
  await check('Explore › Query');

  await fillBuildForm(page, { type: 'BTREE', column: 'id', workers: 2 });
  await page.getByTestId('balance-chart').waitFor();
  await check('Build form');
  await page.locator('input[name=workers]').fill('two');
  await page.getByTestId('error-workers').waitFor();
  await check('Build form, with an error under Workers');
  await page.getByRole('radio', { name: 'Ray cluster' }).check();
  await page.locator('input[name=rayAddress]').waitFor();
  await check('Build form, engine picker on Ray');
  await page.getByRole('radio', { name: 'This machine' }).check();

  // A long build (ngram tokenizer, one worker), looked at while it runs, then stopped.
  await fillBuildForm(page, { type: 'FTS', column: 'review', workers: 1 });
  await page.getByRole('button', { name: /defaults/ }).click();
  await page.locator('.param', { hasText: 'base_tokenizer' }).locator('input').fill('ngram');
  await page.keyboard.press('Escape');
  await formAccepted(page);
  await page.getByTestId('build-button').click();
  await page.locator('[data-testid=batch-row][data-state=running]').waitFor({ timeout: 90_000 });
  await check('Build running');
  // The check above saw a running build only if it is still running now.
  expect(await status(page)).toBe('running');
  // Past 3 s Cancel asks first: that question is a screen of its own.
  await expect.poll(() => ranSeconds(page), { timeout: 90_000 }).toBeGreaterThan(3.2);
  await page.getByTestId('cancel-button').click();
  await page.getByTestId('cancel-question').waitFor();
  await check('Build running, the stop question');
  await page.getByTestId('confirm-cancel').click();
  await expect.poll(() => status(page), { timeout: 60_000 }).toBe('cancelled');
  await check('Build cancelled');

  await page.getByRole('button', { name: /set ▾/ }).click();
  await page.locator('.param', { hasText: 'base_tokenizer' }).locator('input').fill('');
  await page.keyboard.press('Escape');
  await fillBuildForm(page, { type: 'BTREE', column: 'id', workers: 2 });
  await page.getByTestId('build-button').click();
  await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
  await check('Build finished');

  await tab(page, /^History/).click();
  // Opened from the keyboard: the row's button takes Enter.
  await page.getByTestId('history-open').first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('history-detail').waitFor();
  expect(await page.getByTestId('history-open').first().getAttribute('aria-expanded')).toBe('true');
  await check('History, a build opened');

  await tab(page, /^Cluster/).click();
  await page.getByTestId('cluster-setup').waitFor();
  await check('Cluster, none chosen');
  return found;
}

describe.each([
  { theme: 'light', dark: false, background: 'rgb(246, 247, 249)' },
  { theme: 'dark', dark: true, background: 'rgb(21, 23, 27)' },
])('axe on every screen, $theme theme', ({ dark, background }) => {
  it('finds no serious or critical violation', { timeout: 300_000 }, async () => {
    const page = await openPage(w.browser, w.host.url, { dark });
    // The page really is in this theme (the system's, as a person's browser would say).
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(background);
    const found = await checkEveryScreen(page);
    expect(
      found,
      Object.entries(found)
        .map(([screen, lines]) => `${screen}:\n  ${lines.join('\n  ')}`)
        .join('\n'),
    ).toEqual({});
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the check itself', () => {
  it("runs under the app's own CSP, which still refuses an injected script", async () => {
    const page = await openDatasetWindow(w, w.uri);
    await page.addScriptTag({ content: 'window.__injected = true' }).catch(() => undefined);
    expect(await page.evaluate(() => '__injected' in window)).toBe(false);
    // axe ran anyway (through the DevTools protocol), and reports what it should: a nameless
    // button added here is a critical violation.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'nameless' })));
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('button-name');
    await page.context().close();
  });
});

describe('keyboard', () => {
  it('a tablist follows the arrow keys, Home and End: the selection, the panel and the focus move together', async () => {
    const page = await openDatasetWindow(w, w.uri);
    const selected = () => page.locator('[aria-label=Explore][role=tablist] [role=tab][aria-selected=true]').textContent();
    const focused = () => page.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : null));
    const panel = () => page.locator('[role=tabpanel][data-tab]').getAttribute('data-tab');
    await tab(page, /^Schema/).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(selected).toMatch(/^Fragments/);
    expect(await focused()).toMatch(/^Fragments/);
    expect(await panel()).toBe('fragments');
    await page.keyboard.press('End');
    await expect.poll(selected).toBe('Query');
    expect(await focused()).toBe('Query');
    await page.keyboard.press('ArrowRight'); // wraps to the first
    await expect.poll(selected).toBe('Schema');
    await page.keyboard.press('ArrowLeft'); // and back to the last
    await expect.poll(selected).toBe('Query');
    await page.keyboard.press('Home');
    await expect.poll(selected).toBe('Schema');
    expect(await panel()).toBe('schema');
    // One tab stop per tablist: only the selected tab is reached with Tab.
    expect(await page.locator('[aria-label=Explore] [role=tab][tabindex="0"]').count()).toBe(1);
    // The panel is named by its tab.
    const labelledBy = await page.locator('[role=tabpanel][data-tab]').getAttribute('aria-labelledby');
    expect(await page.locator(`[id="${labelledBy}"]`).textContent()).toBe('Schema');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("after Open, focus is on the new screen's heading (the first Open, and Open over a dataset)", async () => {
    const page = await openPage(w.browser, w.host.url);
    await page.locator('input[name=uri]').fill(w.uri);
    await page.locator('input[name=uri]').press('Enter');
    await page.getByTestId('schema-tree').waitFor();
    await expect.poll(() => activeTestId(page)).toBe('screen-heading');
    const heading = page.getByTestId('screen-heading');
    expect(await heading.evaluate((h) => h.tagName)).toBe('H1');
    expect(await heading.textContent()).toBe('Explore · reviews.lance');

    // On another screen, Ctrl-O and Open again: the Open dialog closes and focus is on this screen's heading.
    await tab(page, /^Build/).click();
    await page.keyboard.press('Control+o');
    await page.getByRole('dialog').locator('input[name=uri]').fill(w.uri);
    await page.getByRole('dialog').locator('input[name=uri]').press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => activeTestId(page)).toBe('screen-heading');
    expect(await heading.textContent()).toBe('Build · reviews.lance');
    // Changing screens afterwards leaves focus on the tab that was used.
    await tab(page, /^History/).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^History/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('fragment rows are selectable with the keyboard: arrows move, Space adds, Shift-Space extends, Enter selects one', async () => {
    const page = await openDatasetWindow(w, w.uri);
    await tab(page, /^Fragments/).click();
    const table = page.getByTestId('fragments-table');
    const rows = page.getByTestId('fragment-row');
    await rows.first().waitFor();
    const selectedIds = () => page.locator('[data-testid=fragment-row][aria-selected=true]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const activeId = () => table.evaluate((t) => document.getElementById(t.getAttribute('aria-activedescendant') ?? '')?.getAttribute('data-id') ?? null);

    // Reached with Tab from the Select all button, like a person would.
    await page.getByRole('button', { name: /^Select all/ }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => activeTestId(page)).toBe('fragments-table');
    expect(await activeId()).toBe('0');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeId).toBe('1');
    await page.keyboard.press('Space');
    await expect.poll(selectedIds).toEqual(['1']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeId).toBe('3');
    await page.keyboard.press('Shift+Space');
    await expect.poll(selectedIds).toEqual(['1', '2', '3']);
    expect(await page.getByTestId('selection-bar').textContent()).toMatch(/^3 selected/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(selectedIds).toEqual(['2']);
    await page.keyboard.press('End');
    await expect.poll(activeId).toBe('7');
    await page.keyboard.press('Space');
    await expect.poll(selectedIds).toEqual(['2', '7']);
    await page.keyboard.press('Home');
    await expect.poll(activeId).toBe('0');
    // The row the keyboard is on is drawn.
    expect(await page.locator('[data-testid=fragment-row][data-id="0"]').evaluate((r) => getComputedStyle(r).boxShadow)).toMatch(/inset/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    { theme: 'light', dark: false },
    { theme: 'dark', dark: true },
  ])('keyboard focus is drawn, a 2px accent ring ($theme theme)', async ({ dark }) => {
    const page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(w.uri)}`, { dark });
    await page.getByTestId('schema-tree').waitFor();
    await tab(page, /^Schema/).focus();
    await page.keyboard.press('Tab'); // from the selected tab into its panel
    await page.keyboard.press('Shift+Tab'); // and back, by keyboard: :focus-visible applies
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      const probe = document.createElement('span');
      probe.style.color = 'var(--accent)';
      document.body.append(probe);
      const accent = getComputedStyle(probe).color;
      probe.remove();
      return { role: document.activeElement!.getAttribute('role'), style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor, accent };
    });
    expect(ring.role).toBe('tab');
    expect(ring).toMatchObject({ style: 'solid', width: '2px' });
    expect(ring.color).toBe(ring.accent);
    await page.context().close();
  });

  it('charts are named by what they show and are no tab stops: the fragment histogram, the balance chart, the timings bar', { timeout: 120_000 }, async () => {
    const page = await openDatasetWindow(w, w.uri);
    // recharts' keyboard layer makes its surface tabindex 0; its tooltip and layers carry -1, no tab stop.
    const chartTabStops = () => page.locator('.recharts-wrapper [tabindex]:not([tabindex^="-"]), .recharts-wrapper[tabindex]:not([tabindex^="-"])').count();
    await tab(page, /^Fragments/).click();
    expect(await page.getByRole('img', { name: /^Rows per fragment: 8 fragments, from [\d.]+[KMB]? to [\d.]+[KMB]? rows$/ }).count()).toBe(1);
    expect(await chartTabStops()).toBe(0);
    await fillBuildForm(page, { type: 'BTREE', column: 'id', workers: 2 });
    expect(await page.getByRole('figure', { name: 'Balance across 2 workers' }).count()).toBe(1);
    await page.getByTestId('build-button').click();
    await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    // A phase that took no time is left out of the bar, so only the first and the form of the rest are fixed.
    await expect.poll(() => page.getByRole('img', { name: /^Time per phase: validate [\d.]+ m?s(, [a-z]+ [\d.]+ m?s)+$/ }).count()).toBe(1);
    expect(await chartTabStops()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('the theme switch changes the theme, survives a reload (applied before the app runs), and System forgets it', async () => {
    const page = await openPage(w.browser, w.host.url); // a light system
    await page.getByTestId('no-dataset').waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(246, 247, 249)');
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('system');

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect.poll(background).toBe('rgb(21, 23, 27)');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    // What <html> says once the page is parsed, before the app's module runs (it has rendered nothing yet).
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') {
          (window as unknown as { themeAtParse: unknown }).themeAtParse = {
            theme: document.documentElement.dataset.theme ?? null,
            appRendered: (document.getElementById('root')?.childElementCount ?? 0) > 0,
          };
        }
      });
    });
    await page.reload();
    await page.getByTestId('no-dataset').waitFor();
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: unknown }).themeAtParse)).toEqual({ theme: 'dark', appRendered: false });
    expect(await background()).toBe('rgb(21, 23, 27)');
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('dark');

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await expect.poll(background).toBe('rgb(246, 247, 249)');
    await page.reload();
    await page.getByTestId('no-dataset').waitFor();
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: unknown }).themeAtParse)).toEqual({ theme: null, appRendered: false });
    expect(await background()).toBe('rgb(246, 247, 249)');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('is remembered across launches: browser mode on another port (a new origin, empty storage) opens in the chosen theme', async () => {
    const stateDir = join(w.dir, 'state');
    const remembered = async () => JSON.parse(await readFile(join(stateDir, 'preferences.json'), 'utf8').catch(() => '{}')).theme;
    const first = await openPage(w.browser, w.host.url);
    await first.getByTestId('no-dataset').waitFor();
    await first.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect.poll(remembered).toBe('dark');
    await first.context().close();

    const again = await startUiHost({ stateDir }); // the next launch: another port
    try {
      expect(again.port).not.toBe(w.host.port);
      const page = await openPage(w.browser, again.url);
      await page.getByTestId('no-dataset').waitFor();
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(21, 23, 27)');
      expect(await page.getByTestId('theme-switch').inputValue()).toBe('dark');
      // Back to the system's for the tests after this one; remembered too.
      await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
      await expect.poll(remembered).toBe('system');
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    } finally {
      await again.stop();
    }
  });
});
