/**
 * A build through the window's engine picker, in real Chromium against browser mode, on a real
 * Ray cluster (a head and a worker node on 127.0.0.1, token auth on): a wrong address or token is
 * said under its field and starts nothing; the connection check names the cluster; a BTREE build
 * runs as a Ray job, commits and verifies; the Cluster view shows each batch on a node the
 * cluster reports alive.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, pageErrors } from './support/browser';
import { describe as describeDataset, makeSample } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';
import { useRayCluster } from '../ray/support';

const ray = useRayCluster();
const w = useWindowOnSample({ name: 'reviews.lance', rows: 30_000, fragments: 8, openDataset: false });
const RAY_BUILD_TIMEOUT = 300_000;

/**
 * A window of its own at the Build form with the Ray engine picked, the address and token
 * filled in when given: each test starts there, not from what an earlier test typed.
 */
async function rayForm(fill: { address?: string; token?: string } = {}): Promise<Page> {
  const page = await openPage(w.browser, `${w.host.url}&dataset=${encodeURIComponent(w.uri)}`);
  await page.getByTestId('schema-tree').waitFor();
  await page.getByRole('tab', { name: /^Build/ }).click();
  await page.getByRole('radio', { name: 'Ray cluster' }).check();
  if (fill.address !== undefined) await address(page).fill(fill.address);
  if (fill.token !== undefined) await token(page).fill(fill.token);
  return page;
}

const address = (page: Page) => page.getByRole('textbox', { name: 'Ray dashboard' });
const token = (page: Page) => page.getByLabel('Token', { exact: true });
const checkButton = (page: Page) => page.getByRole('button', { name: 'Check connection' });

/** What the cluster itself says, as the verdict should put it. */
async function expectedVerdict(): Promise<string> {
  const c = ray.cluster();
  const [version, alive] = await Promise.all([c.client.version(), c.aliveNodes()]);
  const cpus = alive.reduce((n, node) => n + (node.resources_total.CPU ?? 0), 0);
  return `Ray ${version.ray_version} · ${alive.length} nodes alive · ${cpus} CPUs`;
}

/** Builds the window's History lists (it visits the tab and comes back to Build). */
async function historyRows(page: Page): Promise<number> {
  await page.getByRole('tab', { name: /^History/ }).click();
  await page.getByTestId('history-row').or(page.getByTestId('history-empty')).first().waitFor();
  const n = await page.getByTestId('history-row').count();
  await page.getByRole('tab', { name: /^Build/ }).click();
  return n;
}

async function lanceIndexJobs(): Promise<number> {
  return (await ray.cluster().client.jobs()).filter((j) => j.metadata?.app === 'lance-index').length;
}

describe('Ray through the window', () => {
  it('an address where nothing listens is said under the address field', async () => {
    const page = await rayForm();
    await address(page).fill('');
    await checkButton(page).click();
    await expect.poll(() => page.getByTestId('error-rayAddress').textContent()).toContain("Give the Ray dashboard's address");

    await address(page).fill('http://127.0.0.1:1');
    await checkButton(page).click();
    await expect.poll(() => page.getByTestId('error-rayAddress').textContent()).toContain("Can't reach the Ray dashboard at http://127.0.0.1:1");
    expect(await page.getByTestId('ray-verdict').textContent()).toBe('');
  });

  it('a wrong token is said under the token field, and Build starts nothing', async () => {
    const c = ray.cluster();
    const page = await rayForm({ address: 'http://127.0.0.1:1' });
    await checkButton(page).click();
    await expect.poll(() => page.getByTestId('error-rayAddress').count()).toBe(1);
    await address(page).fill(c.address);
    // The address's error was about the old address: it is gone once the address changes.
    await expect.poll(() => page.getByTestId('error-rayAddress').count()).toBe(0);
    await token(page).fill('not-the-token');
    await checkButton(page).click();
    const tokenError = page.getByTestId('error-rayToken');
    await expect.poll(() => tokenError.textContent()).toContain(`The Ray cluster at ${c.address}`);
    expect(await tokenError.textContent()).toMatch(/token/);

    // Another wrong token, straight to Build: the check runs first and the build never starts.
    await token(page).fill('still-not-the-token');
    await expect.poll(() => tokenError.count()).toBe(0);
    const jobsBefore = await lanceIndexJobs();
    const buildsBefore = await historyRows(page);
    await page.getByTestId('build-button').click();
    await expect.poll(() => tokenError.textContent()).toContain(`The Ray cluster at ${c.address}`);
    expect(await page.getByTestId('run').count()).toBe(0);
    expect(await lanceIndexJobs()).toBe(jobsBefore);
    expect(await historyRows(page)).toBe(buildsBefore); // no build recorded (other tests' builds may be listed)
  });

  it('checks the connection: the Ray version, nodes alive and CPUs, as the cluster reports them', async () => {
    const page = await rayForm({ address: ray.cluster().address, token: ray.cluster().token });
    await checkButton(page).click();
    const verdict = page.getByTestId('ray-verdict');
    await expect.poll(() => verdict.textContent()).toContain(await expectedVerdict());
    expect(await verdict.textContent()).toContain('2 nodes alive');
    expect(await page.getByTestId('error-rayToken').count()).toBe(0);
    // The token is a password field: typed, never shown back.
    expect(await token(page).getAttribute('type')).toBe('password');
  });

  it(
    'builds BTREE on id with 3 workers on the cluster, watched from the Cluster view; committed and verified',
    async () => {
      const c = ray.cluster();
      const page = await rayForm({ address: c.address, token: c.token });
      const before = await describeDataset(w.uri);
      await page.locator('select[name=indexType]').selectOption('BTREE');
      await page.locator('select[name=column]').selectOption('id');
      await page.locator('input[name=workers]').fill('3');
      await expect.poll(() => page.getByTestId('balance-chart').getAttribute('data-workers')).toBe('3');
      await expect.poll(() => page.locator('.validating').textContent()).toBe('');
      await page.getByTestId('build-button').click();
      await page.getByTestId('run').waitFor();

      // The Cluster view, open while the build runs: its batches reach their nodes and finish there.
      await page.getByRole('tab', { name: /^Cluster/ }).click();
      await page.getByTestId('cluster-build').waitFor();
      const batchRows = page.getByTestId('cluster-batch-row');
      await expect
        .poll(() => batchRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state)), { timeout: RAY_BUILD_TIMEOUT })
        .toEqual(['done', 'done', 'done']);
      const alive = new Set((await c.aliveNodes()).map((n) => n.node_id));
      expect(alive.size).toBe(2);
      const batchNodes = await batchRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.nodeId ?? ''));
      expect(batchNodes).toHaveLength(3);
      for (const id of batchNodes) expect(alive).toContain(id);
      // The nodes table lists exactly the cluster's nodes, and the build's job is marked among the jobs.
      const nodeRows = page.getByTestId('cluster-node-row');
      await expect.poll(() => nodeRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.nodeId).sort())).toEqual([...alive].sort());
      const buildJob = page.getByTestId('cluster-job-row').filter({ hasText: 'this build' });
      await expect.poll(() => buildJob.getAttribute('data-lance-index'), { timeout: 30_000 }).toBe('build');

      await page.getByRole('tab', { name: /^Build/ }).click();
      const result = page.getByTestId('result-card');
      await expect.poll(() => result.getAttribute('data-outcome'), { timeout: RAY_BUILD_TIMEOUT }).toBe('succeeded');
      expect(await page.getByTestId('verification-status').textContent()).toBe('OK');
      expect(await page.getByTestId('verification').textContent()).toContain('uses the index');
      const ranOn = await page.getByTestId('result-engine').textContent();
      expect(ranOn).toContain(`ran on Ray ${c.address}`);
      const submission = /job (\S+)/.exec(ranOn ?? '')?.[1];
      expect((await c.client.job(submission!)).status).toBe('SUCCEEDED');
      // The batch table names each batch's node too.
      const tableNodes = await page
        .getByTestId('batch-node')
        .locator('[data-node-id]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nodeId));
      expect(tableNodes).toEqual(batchNodes);

      const after = await describeDataset(w.uri);
      expect(after.version).toBe(before.version + 1);
      const index = after.indices.find((i) => i.name === 'id_idx');
      expect(index?.type).toMatch(/^btree$/i);
      expect(index?.fragmentIds).toEqual(before.fragments.map((f) => f.id));
    },
    RAY_BUILD_TIMEOUT + 60_000,
  );

  it('keeps the engine and address for the next dataset; the token is in no file or storage', async () => {
    const page = await rayForm({ address: ray.cluster().address, token: ray.cluster().token });
    const other = join(w.dir, 'other.lance');
    await makeSample(other, 2_000, 2);
    await page.keyboard.press('Control+o');
    await page.locator('input[name=uri]').fill(other);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('dataset-identity').textContent()).toContain('other.lance');
    await page.getByRole('tab', { name: /^Build/ }).click();
    expect(await page.getByRole('radio', { name: 'Ray cluster' }).isChecked()).toBe(true);
    expect(await address(page).inputValue()).toBe(ray.cluster().address);

    const secret = ray.cluster().token;
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(secret);
    for (const f of await readdir(join(w.dir, 'state'), { recursive: true })) {
      const text = await readFile(join(w.dir, 'state', f), 'utf8').catch(() => '');
      expect(text).not.toContain(secret);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
