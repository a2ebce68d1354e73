/**
 * The keyboard and theme screens for docs/window.md (issue 10): the theme chosen in the top bar
 * (dark on a light system) with the fragments table driven by keyboard, and the focus ring on
 * the Build form in the light theme. Needs a running host and a dataset.
 */
import type { Browser } from 'playwright-core';
import { openPage } from './browser';
import type { Shot } from './ray-screenshots';

export async function a11yScreenshots(browser: Browser, opts: { url: string; uri: string; shot: Shot }): Promise<void> {
  const url = `${opts.url}&dataset=${encodeURIComponent(opts.uri)}`;

  // Dark chosen in the window on a light system; the fragments table by keyboard (its active row drawn).
  let page = await openPage(browser, url);
  await page.getByTestId('schema-tree').waitFor();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await page.getByRole('tab', { name: /^Fragments/ }).click();
  await page.getByTestId('fragment-row').first().waitFor();
  await page.getByRole('button', { name: /^Select all/ }).focus();
  await page.keyboard.press('Tab');
  for (const key of ['ArrowDown', 'ArrowDown', 'Space', 'ArrowDown', 'ArrowDown', 'Shift+Space']) await page.keyboard.press(key);
  await opts.shot(page, 'theme-dark-keyboard-fragments');
  await page.context().close();

  // The focus ring, reached by Tab, on the Build form's Workers field and on the Build button.
  page = await openPage(browser, url);
  await page.getByTestId('schema-tree').waitFor();
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.getByTestId('balance-chart').waitFor();
  await page.locator('select[name=indexType]').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await opts.shot(page, 'focus-ring');
  await page.context().close();
}
