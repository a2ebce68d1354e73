/**
 * The window at 1024×640 (issue 10): after Build the run is in view (its strip, then its result),
 * popovers open inside the window, and the status pills are whole, not clipped.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { copyDataset } from '../helpers/temp';
import { pageErrors } from './support/browser';
import { fillBuildForm, openDatasetWindow, tab } from './support/build-form';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'reviews.lance', rows: 200_000, fragments: 8, openDataset: false });
const SIZE = { width: 1024, height: 640 };

/** Whether the element is wholly inside the window, and its text not cut by its own box. */
async function whole(el: Locator): Promise<{ inside: boolean; unclipped: boolean }> {
  return el.evaluate((node, size) => {
    const r = node.getBoundingClientRect();
    return {
      inside: r.left >= 0 && r.top >= 0 && r.right <= size.width && r.bottom <= size.height && r.width > 0,
      unclipped: node.scrollWidth <= node.clientWidth + 1,
    };
  }, SIZE);
}

async function openBuild(uri: string): Promise<Page> {
  const page = await openDatasetWindow(w, uri, SIZE);
  await tab(page, /^Build/).click();
  return page;
}

describe('at 1024×640', () => {
  it('after Build the run strip is in view, then the result; its status pill is whole', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'layout');
    const page = await openBuild(uri);
    await fillBuildForm(page, { type: 'FTS', column: 'review', workers: 2 });
    await page.getByTestId('build-button').click();
    await expect.poll(async () => (await whole(page.getByTestId('phase-timeline'))).inside).toBe(true);

    await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    await expect.poll(async () => (await whole(page.getByTestId('build-status'))).inside).toBe(true);
    expect(await whole(page.getByTestId('build-status'))).toEqual({ inside: true, unclipped: true });
    expect(await page.getByTestId('result-card').evaluate((n) => n.getBoundingClientRect().top < 640)).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('the Parameters popover opens inside the window and scrolls there; the running pill is whole while a build runs', async () => {
    const page = await openBuild(w.uri);
    await page.locator('select[name=indexType]').selectOption('FTS');
    await page.getByRole('button', { name: /defaults/ }).click();
    const pop = page.getByTestId('params-popover');
    expect((await whole(pop)).inside).toBe(true);
    // The last parameter is reached by scrolling the popover, not cut off by the window.
    const last = pop.locator('.param').last();
    await last.scrollIntoViewIfNeeded();
    expect((await whole(last)).inside).toBe(true);
    await page.keyboard.press('Escape');

    // The running pill is measured by the page itself the moment it appears (a build may be
    // quick), then the build runs to its end.
    await page.evaluate((size) => {
      const w = window as unknown as { pillSeen?: { inside: boolean; unclipped: boolean } };
      const look = () => {
        const node = document.querySelector('[data-testid=running-pill]');
        if (!node || w.pillSeen) return;
        const r = node.getBoundingClientRect();
        w.pillSeen = {
          inside: r.left >= 0 && r.top >= 0 && r.right <= size.width && r.bottom <= size.height && r.width > 0,
          unclipped: node.scrollWidth <= node.clientWidth + 1,
        };
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, attributes: true });
    }, SIZE);
    await page.locator('input[name=workers]').fill('1');
    await expect.poll(() => page.locator('.validating').textContent()).toBe('');
    await page.getByTestId('build-button').click();
    await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    expect(await page.evaluate(() => (window as unknown as { pillSeen?: unknown }).pillSeen)).toEqual({ inside: true, unclipped: true });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
