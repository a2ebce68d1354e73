/**
 * Issue 9, item 4: credentials typed into the window never reach the disk. A dataset is opened
 * in real Chromium with a secret storage option; the recent-datasets file must not hold the
 * secret, must be private to its owner (another user can't read it), and reopening the entry
 * asks for the value again. A file written by an older version is cleaned on first read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../e2e/support/browser.js';
import { startUiHost, type Host } from '../e2e/support/host.js';
import { makeSample } from '../e2e/support/dataset.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const SECRET = 'TOPSECRET-4242-wJalrXUtnFEMI';
const OPTIONS = `aws_secret_access_key=${SECRET}\naws_region=us-east-1`;

let dir: string;
let uri: string;
let browser: Browser;
const hosts: Host[] = [];

beforeAll(async () => {
  dir = await makeTempDir('secrets');
  await chmod(dir, 0o755); // as a home folder is: other users may pass through it
  uri = join(dir, 'reviews.lance');
  await makeSample(uri, 2000, 2);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await removeDir(dir);
});

async function window(stateDir: string): Promise<Page> {
  const host = await startUiHost({ stateDir });
  hosts.push(host);
  return openPage(browser, host.url);
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** Reads the file as user `nobody`; null when that user can't (or can't be tried: not root). */
function readAsAnotherUser(file: string): string | null {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

/** Opens the dataset with the secret typed into the Open form, in a window of its own. */
async function openWithSecret(state: string): Promise<void> {
  const page = await window(state);
  await page.locator('input[name=uri]').fill(uri);
  await page.locator('textarea[name=storageOptions]').fill(OPTIONS);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('schema-tree').waitFor();
  await page.context().close();
}

describe('the recent-datasets file', () => {
  it('keeps which storage options were set, never a secret value, readable by its owner only', async () => {
    const state = join(dir, 'state');
    await openWithSecret(state);

    const file = join(state, 'recent-datasets.json');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)[0].target).toEqual({ uri, storageOptions: { aws_secret_access_key: '', aws_region: 'us-east-1' } });
    expect(await mode(state)).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
    expect(readAsAnotherUser(file)).toBeNull();
  });

  it('asks for the secret again when the dataset is reopened from the list', async () => {
    const state = join(dir, 'reopen-state');
    await openWithSecret(state); // this test's own first visit, whatever ran before it
    const page = await window(state);
    await page.locator('.recent-item').first().click();
    await expect.poll(() => page.getByTestId('error-storageOptions').textContent()).toContain('aws_secret_access_key were not saved');
    expect(await page.locator('textarea[name=storageOptions]').inputValue()).toBe('aws_secret_access_key=\naws_region=us-east-1');

    await page.locator('textarea[name=storageOptions]').fill(OPTIONS);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('schema-tree').waitFor();
    await page.context().close();
  });

  it('written by an older version with secrets in a 0755 folder, is cleaned and closed when first read', async () => {
    const state = join(dir, 'old-state');
    await mkdir(state, { mode: 0o755 });
    await chmod(state, 0o755);
    const file = join(state, 'recent-datasets.json');
    const old = [{ target: { uri, storageOptions: { aws_secret_access_key: SECRET } }, label: 'reviews.lance', openedAt: new Date().toISOString() }];
    await writeFile(file, JSON.stringify(old), { mode: 0o644 });
    expect(readAsAnotherUser(file) ?? SECRET).toContain(SECRET); // the attack works on the old file

    const page = await window(state);
    await page.locator('.recent-item').first().waitFor();
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);
    expect(await mode(state)).toBe(0o700);
    expect(await mode(file)).toBe(0o600);
    expect(readAsAnotherUser(file)).toBeNull();
    await page.context().close();
  });
});
