/**
 * The setting most window tests share: a sample dataset in a temp folder, browser mode started
 * as a person would, and Chromium on its URL. Filled in by beforeAll, torn down by afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { makeSample } from './dataset';
import { startUiHost, type Host } from './host';

export interface WindowContext {
  dir: string;
  uri: string;
  host: Host;
  browser: Browser;
  page: Page;
}

export function useWindowOnSample(opts: { name: string; rows: number; fragments: number; openDataset: boolean }): WindowContext {
  const w = {} as WindowContext;
  beforeAll(async () => {
    w.dir = await mkdtemp(join(tmpdir(), 'lance-index-e2e-'));
    w.uri = join(w.dir, opts.name);
    await makeSample(w.uri, opts.rows, opts.fragments);
    w.host = await startUiHost({ stateDir: join(w.dir, 'state') });
    w.browser = await launchChromium();
    w.page = await openPage(w.browser, opts.openDataset ? `${w.host.url}&dataset=${encodeURIComponent(w.uri)}` : w.host.url);
  });
  afterAll(async () => {
    await w.browser?.close();
    await w.host?.stop();
    if (w.dir) await rm(w.dir, { recursive: true, force: true });
  });
  return w;
}
