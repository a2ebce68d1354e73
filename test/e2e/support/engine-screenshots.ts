/**
 * The Engine screen's screenshots for docs/window.md (part of npm run screenshots): browser mode
 * with an empty data folder and no usable engine (the checkout's .venv ruled out), the verdict on
 * a Python without pylance, a set-up while pip installs, and the calm line after Cancel.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPage } from './browser';
import { startUiHost } from './host';

export async function engineScreenshots(browser: Browser, o: { dir: string; shot: (page: Page, name: string) => Promise<void> }): Promise<void> {
  const host = await startUiHost({ stateDir: join(o.dir, 'state-engine'), env: { LANCE_INDEX_NO_CHECKOUT_VENV: '1', LANCE_INDEX_PYTHON: '' } });
  try {
    const page = await openPage(browser, host.url);
    await page.getByTestId('engine-screen').waitFor({ timeout: 60_000 });
    await o.shot(page, 'engine-screen');

    await page.locator('input[name=python]').fill('/usr/bin/python3');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByTestId('error-python').waitFor({ timeout: 30_000 });
    await o.shot(page, 'engine-verdict');

    await page.locator('input[name=python]').fill('');
    await page.getByRole('button', { name: 'Set up the engine' }).click();
    await page.locator('.setup-steps [aria-current=step]', { hasText: 'Install packages' }).waitFor({ timeout: 600_000 });
    await page.locator('.setup-log summary').click();
    await o.shot(page, 'engine-setup-running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-testid=setup-run][data-status=cancelled]').waitFor({ timeout: 60_000 });
    await page.locator('.setup-log summary').click();
    await o.shot(page, 'engine-setup-cancelled');
  } finally {
    await host.stop();
  }
}
