/**
 * Screenshots of every screen for docs/window.md (npm run screenshots). Drives the real window
 * in browser mode on a sample dataset it makes, like the e2e tests; not itself a test.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { makeSample } from './dataset';
import { CLI, ROOT, startUiHost } from './host';
import { canStartRay, rayScreenshots } from './ray-screenshots';
import { engineScreenshots } from './engine-screenshots';
import { a11yScreenshots } from './a11y-screenshots';
import { exploreScreenshots } from './explore-screenshots';

const OUT = join(ROOT, 'docs', 'screenshots');
const dir = await mkdtemp(join(tmpdir(), 'lance-index-shots-'));
const uri = join(dir, 'reviews.lance');
await mkdir(OUT, { recursive: true });
console.log('making the sample dataset…');
await makeSample(uri, 400_000, 24);
await promisify(execFile)(process.execPath, [CLI, 'build', '--uri', uri, '--column', 'category', '--type', 'BITMAP', '--workers', '2'], { cwd: ROOT });

const browser = await launchChromium();
const shot = async (page: Page, name: string, full = false) => {
  await page.waitForTimeout(150); // let recharts' ResizeObserver settle before the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: full });
  console.log(`docs/screenshots/${name}.png`);
};

const host = await startUiHost({ stateDir: join(dir, 'state') });
try {
  let page = await openPage(browser, host.url);
  await page.getByTestId('no-dataset').waitFor();
  await shot(page, 'open');

  // The folder above the dataset: the window says so and names the folder to open.
  await page.locator('input[name=uri]').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('error-uri').waitFor();
  await shot(page, 'open-error');

  await page.locator('input[name=uri]').fill(uri);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('schema-tree').waitFor();
  await shot(page, 'explore-schema');

  await page.getByRole('tab', { name: /Fragments/ }).click();
  await page.getByTestId('sort-rows').click();
  await page.getByTestId('fragment-row').nth(2).click();
  await page
    .getByTestId('fragment-row')
    .nth(6)
    .click({ modifiers: ['Shift'] });
  await shot(page, 'explore-fragments');
  await page.getByRole('button', { name: 'Clear' }).click();

  await page.getByRole('tab', { name: /Versions/ }).click();
  await shot(page, 'explore-versions');
  await page.getByRole('tab', { name: /^Data/ }).click();
  await page.getByTestId('data-grid').waitFor();
  await shot(page, 'explore-data');

  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.locator('select[name=indexType]').selectOption('FTS');
  await page.locator('select[name=column]').selectOption('review');
  await page.locator('input[name=workers]').fill('4');
  await page.getByTestId('balance-chart').waitFor();
  // The core's plan, by the column's bytes as the build will balance text, replaces the rows-only
  // one the window draws while it validates: picture the one the build will use.
  await page.getByTestId('balance-summary').getByText("balanced by the column's bytes").waitFor({ timeout: 15_000 });
  await shot(page, 'build');

  await page.locator('input[name=workers]').fill('four');
  await page.locator('input[name=fragmentIds]').fill('0-3, 9-5');
  await page.getByTestId('error-fragmentIds').waitFor();
  await page.getByTestId('error-workers').waitFor();
  await shot(page, 'build-errors');
  await page.locator('input[name=fragmentIds]').fill('');
  await page.locator('input[name=workers]').fill('4');

  // A value pylance would refuse, said under Parameters before any build.
  await page.getByRole('button', { name: /defaults/ }).click();
  await page.locator('.param', { hasText: 'block_size' }).locator('input').fill('64');
  await page.getByTestId('error-indexParams').waitFor();
  await page.keyboard.press('Escape'); // the message stays under Parameters
  await shot(page, 'build-params-error');
  await page.getByRole('button', { name: /set ▾/ }).click();
  await page.locator('.param', { hasText: 'block_size' }).locator('input').fill('');
  await page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('true');
  await page.keyboard.press('Escape');
  await page.getByTestId('build-button').click();
  await page.locator('[data-testid=batch-row][data-state=running]').first().waitFor({ timeout: 60_000 });
  await page
    .getByTestId('time-left')
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  await shot(page, 'build-running');
  await page.getByTestId('result-card').waitFor({ timeout: 120_000 });
  await shot(page, 'build-done', true);

  // On one worker with the ngram tokenizer (many more tokens): long enough that Esc asks first;
  // Enter stops it: one calm line.
  await page.locator('input[name=workers]').fill('1');
  await page.getByRole('button', { name: /set ▾/ }).click();
  await page.locator('.param', { hasText: 'base_tokenizer' }).locator('input').fill('ngram');
  await page.keyboard.press('Escape');
  await page.getByTestId('build-button').click();
  await page.waitForFunction(
    () => /^([3-9]\.\d|\d\d+\.\d) s$/.test(document.querySelector('[data-testid=batch-row][data-state=running] [data-testid=batch-ran]')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  );
  await page.keyboard.press('Escape');
  await page.getByTestId('cancel-question').waitFor();
  await shot(page, 'build-cancel-question');
  await page.keyboard.press('Enter');
  await page.getByTestId('cancel-line').waitFor({ timeout: 60_000 });
  await shot(page, 'build-cancelled');

  await page.getByRole('tab', { name: /^Explore/ }).click();
  await page.getByRole('tab', { name: /Indices/ }).click();
  await shot(page, 'explore-indices');
  await page.getByRole('tab', { name: /Query/ }).click();
  await page.locator('select[aria-label="query kind"]').selectOption('fullText');
  await page.locator('input[name=query]').fill('battery');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByTestId('query-index').waitFor();
  await shot(page, 'explore-query');

  await page.getByRole('tab', { name: /^History/ }).click();
  await page.getByTestId('history-row').first().click();
  await shot(page, 'history', true);

  // A small window (1024×640): the run comes into view under the form.
  const small = await openPage(browser, `${host.url}&dataset=${encodeURIComponent(uri)}`, { width: 1024, height: 640 });
  await small.getByTestId('schema-tree').waitFor();
  await small.getByRole('tab', { name: /^Build/ }).click();
  await small.locator('select[name=indexType]').selectOption('FTS');
  await small.locator('select[name=column]').selectOption('review');
  await small.locator('input[name=workers]').fill('4');
  await small.locator('input[name=name]').fill('review_small_idx');
  await small.getByTestId('build-button').click();
  await small.locator('[data-testid=batch-row][data-state=running]').first().waitFor({ timeout: 60_000 });
  await shot(small, 'build-running-small');
  await small.getByTestId('result-card').waitFor({ timeout: 120_000 });

  // Dark theme follows the system.
  page = await openPage(browser, `${host.url}&dataset=${encodeURIComponent(uri)}`, { dark: true });
  await page.getByTestId('schema-tree').waitFor();
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.locator('select[name=indexType]').selectOption('BTREE');
  await page.locator('input[name=workers]').fill('6');
  await page.getByTestId('balance-chart').waitFor();
  await shot(page, 'dark-build');

  await a11yScreenshots(browser, { url: host.url, uri, shot });
  await exploreScreenshots(browser, { url: host.url, uri, dir, shot });
} finally {
  await host.stop();
}

// The Ray screens need a real cluster, started from the test venv.
try {
  if (canStartRay()) await rayScreenshots(browser, { uri, stateDir: join(dir, 'state-ray'), shot });
  else console.log('No .venv-ray (bash run.sh test makes it): the Ray screenshots are left as they are.');

  // Engine missing: the window says so, with the command that fixes it.
  const broken = await startUiHost({ stateDir: join(dir, 'state2'), env: { LANCE_INDEX_PYTHON: join(dir, 'no-such-python') } });
  try {
    const page = await openPage(browser, broken.url);
    await page.getByTestId('engine-missing').waitFor({ timeout: 30_000 });
    await shot(page, 'engine-missing');
  } finally {
    await broken.stop();
  }

  // First run: the Engine screen, a verdict, a set-up while pip installs, and after Cancel.
  await engineScreenshots(browser, { dir, shot });
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
