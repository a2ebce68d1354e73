/**
 * The installed app's first run, in real Chromium against browser mode: an empty data folder and
 * no usable engine (the checkout's .venv ruled out with LANCE_INDEX_NO_CHECKOUT_VENV, no
 * LANCE_INDEX_PYTHON, and python3 on PATH without pylance). The window shows the Engine screen;
 * a Python without pylance gets its verdict under the field; then the engine is set up through
 * the screen (one real set-up: pip from its cache or PyPI) and an index is built with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pinnedPylance } from '@engine/pins';
import { ENGINE_STAMP_FILE, ENGINE_VENV_DIR } from '@engine/engine-location';
import { launchChromium, openPage, pageErrors } from './support/browser';
import { buildAndWait, fillBuildForm } from './support/build-form';
import { makeSample } from './support/dataset';
import { startUiHost, type Host } from './support/host';

const SYSTEM_PYTHON = '/usr/bin/python3';

let dir: string;
let uri: string;
let stateDir: string;
let host: Host;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lance-index-engine-setup-'));
  uri = join(dir, 'reviews.lance');
  stateDir = join(dir, 'state');
  await makeSample(uri, 20_000, 4); // with the checkout's engine: the app under test gets none
  host = await startUiHost({ stateDir, env: { LANCE_INDEX_NO_CHECKOUT_VENV: '1', LANCE_INDEX_PYTHON: '' } });
  browser = await launchChromium();
  page = await openPage(browser, host.url);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.reload(); // the first load again, now that console errors are being collected
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What a Python's check_python.py says: the precondition that python3 on PATH can't run the engine. */
function hasLance(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import lance'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('first run: the Engine screen (browser mode)', () => {
  it('shows the Engine screen instead of failing when no usable engine is found, and serves its icon', async () => {
    expect(hasLance('python3'), 'python3 on PATH must not have pylance for this test').toBe(false);
    const screen = page.getByTestId('engine-screen');
    await screen.waitFor({ timeout: 60_000 });
    expect(await screen.getAttribute('data-reason')).toBe('none-found');
    expect(await screen.textContent()).toContain(`pylance ${pinnedPylance()}`);
    expect(await page.getByTestId('engine-setup').textContent()).toContain(stateDir); // where the venv will go
    // The tab's icon: /favicon.ico answers with an ICO (it was a 404, a console error on every load).
    const favicon = await page.evaluate(async () => {
      const r = await fetch('/favicon.ico');
      return { status: r.status, type: r.headers.get('content-type'), head: [...new Uint8Array(await r.arrayBuffer()).slice(0, 4)] };
    });
    expect(favicon).toEqual({ status: 200, type: 'image/x-icon', head: [0, 0, 1, 0] });
  });

  it('gives the verdict on a Python without pylance under the field, and on a path that is no Python', async () => {
    expect(hasLance(SYSTEM_PYTHON), `${SYSTEM_PYTHON} must not have pylance for this test`).toBe(false);
    const input = page.locator('input[name=python]');
    await input.fill(SYSTEM_PYTHON);
    await page.getByRole('button', { name: 'Check' }).click();
    const error = page.getByTestId('error-python');
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toMatch(/Python 3\.\d+\.\d+ has no pylance/);
    expect(await error.textContent()).toContain(`pylance==${pinnedPylance()}`);
    // Said to assistive technology too: the field is invalid and described by the verdict.
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    // Nothing to use: no "Use this Python" for a Python that can't run the engine.
    expect(await page.getByRole('button', { name: 'Use this Python' }).count()).toBe(0);

    await input.fill(join(dir, 'python3'));
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toContain('could not be run as Python: no such file');
    // Only a Python's name is run at all: the core refuses any other program before starting it.
    await input.fill('/bin/ls');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toContain('the path of a Python executable');
  });

  it('sets the engine up through the screen: a progress bar that only goes up, steps and packages, the log; then builds an index', async () => {
    // Every value the bar and the package line show, as they change (not sampled by the test's clock).
    await page.evaluate(() => {
      const seen = { bar: [] as number[], packages: [] as string[], steps: [] as string[], log: '', statuses: [] as string[] };
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=setup-run] [role=progressbar]');
        const v = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
        if (!Number.isNaN(v) && seen.bar.at(-1) !== v) seen.bar.push(v);
        const pkg = document.querySelector('[data-testid=setup-package]')?.textContent?.replace(/^: /, '').split(' ·')[0];
        if (pkg && seen.packages.at(-1) !== pkg) seen.packages.push(pkg);
        const step = document.querySelector('.setup-steps [aria-current=step]')?.textContent;
        if (step && seen.steps.at(-1) !== step) seen.steps.push(step);
        // The status and the log as the set-up ends: the screen is left on its own once the engine
        // is ready, possibly before a poll from the test would see 'done'.
        const status = document.querySelector('[data-testid=setup-run]')?.getAttribute('data-status');
        if (status && seen.statuses.at(-1) !== status) seen.statuses.push(status);
        if (!seen.log && status === 'done') seen.log = document.querySelector('[data-testid=setup-log]')?.textContent ?? '';
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Set up the engine' }).click();
    const run = page.getByTestId('setup-run');
    await expect.poll(() => run.getAttribute('data-status')).toBe('running');
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    // The log on demand, opened while pip works.
    await page.locator('.setup-log summary').click();
    await expect.poll(() => page.getByTestId('setup-log').isVisible()).toBe(true);
    const statuses = () => page.evaluate(() => (window as unknown as { __seen: { statuses: string[] } }).__seen.statuses);
    await expect.poll(async () => (await statuses()).at(-1), { timeout: 600_000, interval: 500 }).toBe('done');

    const seen = await page.evaluate(() => (window as unknown as { __seen: { bar: number[]; packages: string[]; steps: string[]; log: string } }).__seen);
    expect(seen.bar.length).toBeGreaterThan(3);
    expect(seen.bar).toEqual([...seen.bar].sort((a, b) => a - b)); // never goes back
    expect(seen.bar.some((v) => v > 0 && v < 100)).toBe(true);
    expect(seen.bar.at(-1)).toBe(100);
    expect(seen.packages).toEqual(expect.arrayContaining(['pylance', 'pyarrow']));
    expect(seen.steps).toEqual(expect.arrayContaining(['●Download packages', '●Install packages']));

    // The log holds pip's own words.
    expect(seen.log).toContain('Successfully installed');

    // Made in the data folder, stamped, nothing left half-way beside it.
    const stamp = JSON.parse(readFileSync(join(stateDir, ENGINE_VENV_DIR, ENGINE_STAMP_FILE), 'utf8')) as { pylance: string };
    expect(stamp.pylance).toBe(pinnedPylance());
    expect(readdirSync(stateDir).filter((n) => n.startsWith(`${ENGINE_VENV_DIR}.`) || n.endsWith('.lock'))).toEqual([]);

    // The window leaves the Engine screen on its own and the engine runs the new venv's pylance.
    await page.getByTestId('no-dataset').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.engine-line').textContent(), { timeout: 60_000 }).toContain(`pylance ${pinnedPylance()}`);

    await page.locator('input[name=uri]').fill(uri);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('schema-tree').waitFor({ timeout: 60_000 });
    await fillBuildForm(page, { type: 'BTREE', column: 'id', workers: 2 });
    await buildAndWait(page);
    expect(await page.getByTestId('result-card').textContent()).toContain('id_idx');
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 600_000); // pip installs pylance, pyarrow and numpy into a new venv: ~20 s from a warm cache, minutes from PyPI
});
