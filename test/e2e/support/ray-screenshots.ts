/**
 * The Ray screens for docs/window.md: the Cluster view before a cluster is chosen, the Build form
 * with a checked cluster and a finished build on it, and the Cluster view after it. Needs the test
 * cluster's venv (.venv-ray, made by `bash run.sh test`); starts a real cluster on 127.0.0.1 and
 * stops it at the end.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { RAY_PYTHON } from '../../helpers/paths';
import { startRayCluster } from '../../helpers/ray-cluster';
import { openPage } from './browser';
import { startUiHost } from './host';

export type Shot = (page: Page, name: string, full?: boolean) => Promise<void>;

export function canStartRay(): boolean {
  return existsSync(RAY_PYTHON);
}

export async function rayScreenshots(
  browser: Browser,
  opts: {
    uri: string;
    stateDir: string;
    shot: Shot;
    viewport?: { width: number; height: number };
    dark?: boolean;
  },
): Promise<void> {
  const cluster = await startRayCluster();
  const host = await startUiHost({ stateDir: opts.stateDir });
  try {
    const page = await openPage(browser, `${host.url}&dataset=${encodeURIComponent(opts.uri)}`, { ...opts.viewport, dark: opts.dark });
    await page.getByTestId('schema-tree').waitFor();
    await page.getByRole('tab', { name: /^Cluster/ }).click();
    await page.getByTestId('cluster-setup').waitFor();
    await opts.shot(page, 'cluster-setup');

    await page.getByRole('button', { name: 'Choose a Ray cluster in the Build form' }).click();
    await page.getByRole('textbox', { name: 'Ray dashboard' }).fill(cluster.address);
    await page.getByLabel('Token', { exact: true }).fill(cluster.token);
    await page.getByRole('button', { name: 'Check connection' }).click();
    await page.waitForFunction(() => /nodes alive/.test(document.querySelector('[data-testid=ray-verdict]')?.textContent ?? ''));
    await page.locator('select[name=indexType]').selectOption('BTREE');
    await page.locator('select[name=column]').selectOption('id');
    await page.locator('input[name=workers]').fill('3');
    await page.getByTestId('balance-chart').waitFor();

    await page.getByTestId('build-button').click();
    await page.getByTestId('result-card').waitFor({ timeout: 300_000 });
    await opts.shot(page, 'build-ray', true);

    await page.getByRole('tab', { name: /^Cluster/ }).click();
    await page.locator('[data-testid=cluster-job-row]', { hasText: 'this build' }).waitFor({ timeout: 30_000 });
    await opts.shot(page, 'cluster', true);
  } finally {
    await host.stop();
    await cluster.stop();
  }
}
