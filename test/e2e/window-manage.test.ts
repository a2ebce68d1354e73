/**
 * Looking after a dataset from the window (issue 10, what users of similar tools expect): drop
 * and rename an index, the orphan cleanup, what each version changed and an older version
 * opened read-only, column statistics with the index type they suggest, the histogram's log
 * scale, and "Retry the failed batches". Real datasets, real engine, real Chromium; what the
 * window says is checked against the dataset read by the CLI or by pylance directly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { copyDataset } from '../helpers/temp';
import { PYTHON } from '../helpers/paths';
import { formatBytes } from '@shared/format';
import { pageErrors } from './support/browser';
import { describe as describeDataset, listFiles } from './support/dataset';
import { buildAndWait, fillBuildForm, openDatasetWindow, tab } from './support/build-form';
import { CLI, ROOT } from './support/host';
import { useWindowOnSample } from './support/window-fixture';

const run = promisify(execFile);
const w = useWindowOnSample({ name: 'reviews.lance', rows: 30_000, fragments: 4, openDataset: false });

async function buildWithCli(uri: string, column: string, type: string): Promise<void> {
  await run(process.execPath, [CLI, 'build', '--uri', uri, '--column', column, '--type', type, '--workers', '1'], { cwd: ROOT });
}

/** Distinct values of a column, read by pylance directly. */
async function distinctInPython(uri: string, column: string): Promise<number> {
  const script = 'import lance, sys\nprint(len(set(lance.dataset(sys.argv[1]).to_table(columns=[sys.argv[2]]).column(0).to_pylist())))';
  const { stdout } = await run(PYTHON, ['-c', script, uri, column], { env: { ...process.env, LANCE_LOG: 'error' } });
  return Number(stdout.trim());
}

let indexed: string; // a copy with category_idx (BITMAP) and id_idx (BTREE)
beforeAll(async () => {
  indexed = await copyDataset(w.uri, w.dir, 'indexed');
  await buildWithCli(indexed, 'category', 'BITMAP');
  await buildWithCli(indexed, 'id', 'BTREE');
});

async function openIndices(uri: string): Promise<Page> {
  const page = await openDatasetWindow(w, uri);
  await tab(page, /^Indices/).click();
  return page;
}
const card = (page: Page, name: string) => page.locator(`[data-testid=index-card][data-name="${name}"]`);
const cardNames = (page: Page) => page.getByTestId('index-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));

describe('drop and rename', () => {
  it('Drop asks first, naming the index; Keep it changes nothing; Drop commits a version without it and the view follows', async () => {
    const uri = await copyDataset(indexed, w.dir, 'drop');
    const before = await describeDataset(uri);
    const page = await openIndices(uri);
    await card(page, 'category_idx').getByRole('button', { name: 'Drop category_idx' }).click();
    const question = page.getByTestId('drop-question');
    expect(await question.getByRole('paragraph').first().textContent()).toBe('Drop index category_idx?');
    await question.getByRole('button', { name: 'Keep it' }).click();
    expect(await page.getByTestId('drop-question').count()).toBe(0);
    expect((await describeDataset(uri)).version).toBe(before.version);

    await card(page, 'category_idx').getByRole('button', { name: 'Drop category_idx' }).click();
    await page.getByTestId('confirm-drop').click();
    await expect.poll(() => cardNames(page)).toEqual(['id_idx']);
    const after = await describeDataset(uri);
    expect(after.version).toBe(before.version + 1);
    expect(after.indices.map((i) => i.name)).toEqual(['id_idx']);
    expect(await page.getByTestId('index-change').textContent()).toBe(
      `Dropped category_idx: version ${before.version} → ${after.version}. Its files stay while older versions use them.`,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("Rename checks the new name with the core's rule (said under the field, Rename off), then commits the same segments under it", async () => {
    const uri = await copyDataset(indexed, w.dir, 'rename');
    const before = await describeDataset(uri);
    const segments = before.indices.find((i) => i.name === 'id_idx')!.segments.map((s) => s.uuid);
    const page = await openIndices(uri);
    await card(page, 'id_idx').getByRole('button', { name: 'Rename id_idx' }).click();
    const input = page.getByLabel('New name for id_idx');
    const submit = page.getByRole('form', { name: 'Rename id_idx' }).getByRole('button', { name: 'Rename' });
    for (const [bad, message] of [
      ['bad/name', 'Use a non-empty name without slashes or leading spaces.'],
      [' lead', 'Use a non-empty name without slashes or leading spaces.'],
      ['category_idx', 'An index named category_idx exists already.'],
    ] as const) {
      await input.fill(bad);
      expect(await page.getByTestId('error-newName').textContent()).toBe(message);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toBe(await page.getByTestId('error-newName').getAttribute('id'));
      expect(await submit.isDisabled()).toBe(true);
    }
    await input.fill('ids_by_number');
    expect(await page.getByTestId('error-newName').count()).toBe(0);
    await submit.click();
    await expect.poll(() => cardNames(page)).toEqual(['category_idx', 'ids_by_number']);
    const after = await describeDataset(uri);
    expect(after.version).toBe(before.version + 1);
    expect(after.indices.find((i) => i.name === 'ids_by_number')!.segments.map((s) => s.uuid)).toEqual(segments);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('orphan cleanup', () => {
  it('finds the folders no version references, removes them after asking, and says what was removed; referenced folders stay', async () => {
    const uri = await copyDataset(indexed, w.dir, 'orphans');
    const orphan = randomUUID();
    await mkdir(join(uri, '_indices', orphan));
    await writeFile(join(uri, '_indices', orphan, 'part.lance'), Buffer.alloc(4096, 1));
    const referenced = (await readdir(join(uri, '_indices'))).filter((u) => u !== orphan);
    const referencedFiles = (await listFiles(join(uri, '_indices'))).filter((f) => !f.startsWith(orphan));
    const page = await openIndices(uri);

    await page.getByTestId('find-orphans').click();
    await expect
      .poll(() =>
        page
          .getByTestId('orphan-list')
          .locator('code')
          .evaluateAll((els) => els.map((e) => e.getAttribute('title'))),
      )
      .toEqual([orphan]);
    expect(await page.getByTestId('orphans-found').textContent()).toBe(`1 folder no version references, ${formatBytes(4096)} in all:`);
    await page.getByTestId('remove-orphans').click();
    expect(await page.getByTestId('remove-question').textContent()).toContain(`Remove 1 folder (${formatBytes(4096)})?`);
    await page.getByTestId('confirm-remove').click();
    await expect.poll(() => page.getByTestId('removed-list').locator('code').getAttribute('title')).toBe(orphan);
    expect(await page.getByTestId('kept-list').count()).toBe(0);
    expect(existsSync(join(uri, '_indices', orphan))).toBe(false);
    expect((await readdir(join(uri, '_indices'))).sort()).toEqual(referenced.sort());
    expect((await listFiles(join(uri, '_indices'))).filter((f) => !f.startsWith(orphan))).toEqual(referencedFiles);

    await page.getByTestId('find-orphans').click();
    await page.getByTestId('orphans-none').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('versions', () => {
  it('say what each version changed, as the dataset records it', async () => {
    const d = await describeDataset(indexed);
    const page = await openDatasetWindow(w, indexed);
    await tab(page, /^Versions/).click();
    const rows = page.getByTestId('version-row');
    await expect.poll(() => rows.count()).toBe(d.versions!.length);
    const shown = await rows.evaluateAll((els) =>
      els.map((e) => [Number(e.getAttribute('data-version')), e.querySelector('[data-testid=version-operation]')!.textContent]),
    );
    const expected = [...d.versions!].sort((a, b) => b.version - a.version).map((v) => [v.version, v.operation ?? 'unknown']);
    expect(shown).toEqual(expected);
    expect(shown.some(([, op]) => /CreateIndex/i.test(String(op)))).toBe(true);
    await page.context().close();
  });

  it('an older version opens read-only: labelled, its own indices, nothing that writes, Build off with the reason; Back to latest restores', async () => {
    const d = await describeDataset(indexed);
    const first = Math.min(...d.versions!.map((v) => v.version)); // written before any index
    const page = await openDatasetWindow(w, indexed);
    await tab(page, /^Versions/).click();
    await page.locator(`[data-testid=version-row][data-version="${first}"]`).getByTestId('open-version').click();
    const banner = page.getByTestId('readonly-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Version ${first}, read-only.`);
    expect(await page.locator(`[data-testid=version-row][data-version="${first}"]`).textContent()).toContain('open · read-only');

    await tab(page, /^Indices/).click();
    await page.getByTestId('indices-empty').waitFor();
    expect(await page.getByTestId('find-orphans').count()).toBe(0);
    await tab(page, /^Schema/).click();
    expect(await page.getByTestId('column-stats-button').count()).toBe(0);

    await tab(page, /^Build/).click();
    expect(await page.getByTestId('build-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('build-blocked').textContent()).toBe(
      `Explore shows version ${first} read-only; go back to the latest (${d.version}) to build`,
    );

    await tab(page, /^Explore/).click();
    await page.getByTestId('back-to-latest').click();
    expect(await page.getByTestId('readonly-banner').count()).toBe(0);
    await tab(page, /^Indices/).click();
    await expect.poll(() => cardNames(page)).toEqual(['category_idx', 'id_idx']);
    await tab(page, /^Build/).click();
    await expect.poll(() => page.getByTestId('build-blocked').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('an older version', () => {
  it("its Data tab pages through that version's rows, not the latest's; back to the latest shows the appended ones", async () => {
    const uri = await copyDataset(w.uri, w.dir, 'appended');
    const first = await describeDataset(uri);
    const rowsAt = (d: typeof first) => d.fragments.reduce((n, f) => n + f.rows!, 0);
    // Another writer appends 300 rows: a new version with one more fragment.
    const append = `import lance, sys\nds = lance.dataset(sys.argv[1])\nlance.write_dataset(ds.to_table(limit=300), sys.argv[1], mode='append')`;
    await run(PYTHON, ['-c', append, uri], { env: { ...process.env, LANCE_LOG: 'error' } });
    const latest = await describeDataset(uri);
    expect(rowsAt(latest)).toBe(rowsAt(first) + 300);
    const pagerSays = (rows: number) => `rows 1–100 of ${rows.toLocaleString('en-US')}`;

    const page = await openDatasetWindow(w, uri);
    await tab(page, /^Data/).click();
    const pager = page.getByTestId('pager');
    await expect.poll(() => pager.textContent()).toContain(pagerSays(rowsAt(latest)));

    await tab(page, /^Versions/).click();
    await page.locator(`[data-testid=version-row][data-version="${first.version}"]`).getByTestId('open-version').click();
    await page.getByTestId('readonly-banner').waitFor();
    await tab(page, /^Data/).click();
    await expect.poll(() => pager.textContent()).toContain(pagerSays(rowsAt(first)));
    expect(await page.getByTestId('data-version-note').textContent()).toBe(
      `These are version ${first.version}'s rows; the latest is version ${latest.version}.`,
    );

    await page.getByTestId('back-to-latest').click();
    await tab(page, /^Data/).click();
    await expect.poll(() => pager.textContent()).toContain(pagerSays(rowsAt(latest)));
    expect(await page.getByTestId('data-version-note').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('column statistics', () => {
  it('are read on demand, with exact counts, and suggest the index type the shared rule gives', async () => {
    const distinct = await distinctInPython(w.uri, 'category');
    const rows = (await describeDataset(w.uri)).fragments.reduce((n, f) => n + f.rows!, 0);
    const page = await openDatasetWindow(w, w.uri);
    const row = (c: string) => page.locator(`[data-testid=schema-row][data-column="${c}"]`);
    const stats = (c: string) => page.locator(`[data-testid=column-stats][data-column="${c}"]`);
    expect(await page.getByTestId('column-stats').count()).toBe(0); // nothing read until asked

    await row('category').getByRole('button', { name: 'Show statistics of category' }).click();
    await stats('category').waitFor();
    const facts = Object.fromEntries(
      await stats('category')
        .locator('dl > div')
        .evaluateAll((els) => els.map((e) => [e.querySelector('dt')!.textContent, e.querySelector('dd')!.textContent])),
    );
    expect(facts['distinct values']).toBe(distinct.toLocaleString('en-US'));
    expect(facts['rows read']).toBe(`all ${rows.toLocaleString('en-US')}`);
    expect(facts.nulls).toMatch(/^\d[\d,]* \(\d+\.\d%\)$/);
    expect(await stats('category').getByTestId('index-suggestion').textContent()).toMatch(/^Suggested index: BITMAP \(few distinct values/);

    await row('review').getByRole('button', { name: 'Show statistics of review' }).click();
    await stats('review').waitFor();
    expect(await stats('review').locator('dl').textContent()).toMatch(/average length\d+(\.\d+)? characters, \d+(\.\d+)? words/);
    expect(await stats('review').getByTestId('index-suggestion').textContent()).toMatch(/^Suggested index: FTS \(free text/);

    await row('id').getByRole('button', { name: 'Show statistics of id' }).click();
    await stats('id').waitFor();
    expect(await stats('id').getByTestId('index-suggestion').textContent()).toMatch(/^Suggested index: BTREE \(many distinct values/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('fragments', () => {
  it('the histogram switches to a log scale and back; the table shows exact row counts', async () => {
    const d = await describeDataset(w.uri);
    const page = await openDatasetWindow(w, w.uri);
    await tab(page, /^Fragments/).click();
    const hist = page.getByTestId('fragment-histogram');
    expect(await hist.getAttribute('data-scale')).toBe('linear');
    await page.getByLabel('log scale (for skewed sizes)').check();
    expect(await hist.getAttribute('data-scale')).toBe('log');
    expect(await hist.getAttribute('aria-label')).toMatch(/\(bins on a log scale\)$/);
    await page.getByLabel('log scale (for skewed sizes)').uncheck();
    expect(await hist.getAttribute('data-scale')).toBe('linear');
    const f = d.fragments[0]!;
    const cells = await page.locator(`[data-testid=fragment-row][data-id="${f.id}"] [role=gridcell]`).allTextContents();
    expect(cells[1]).toBe(f.rows!.toLocaleString('en-US'));
    await page.context().close();
  });
});

describe('retry failed batches', () => {
  it("a failed build's card offers to retry only its failed batches; the retry runs like any build and commits the whole index", async () => {
    const uri = await copyDataset(w.uri, w.dir, 'retry');
    // One data file cut in half: the batch holding its fragment fails; the other batch's segment is kept.
    const file = join(uri, 'data', (await readdir(join(uri, 'data'))).sort()[0]!);
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, whole.length >> 1));
    const page = await openDatasetWindow(w, uri);
    // FTS: a type whose segment folders the app names, so the kept one is told apart exactly.
    await fillBuildForm(page, { type: 'FTS', column: 'review', workers: 2 });
    await buildAndWait(page, 'failed');
    const retry = page.getByTestId('retry-failed');
    expect(await retry.textContent()).toBe('Retry the 1 failed batch');

    await writeFile(file, whole); // the fault mended, as a person would before retrying
    const before = await describeDataset(uri);
    await retry.click();
    await expect.poll(() => page.getByTestId('result-card').getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    const after = await describeDataset(uri);
    expect(after.version).toBe(before.version + 1);
    const ix = after.indices.find((i) => i.name === 'review_idx')!;
    expect(ix.fragmentIds.slice().sort((a, b) => a - b)).toEqual(after.fragments.map((f) => f.id).sort((a, b) => a - b));
    // The new run shows like any build: its batch table, every batch done (the kept one reused).
    expect(await page.getByTestId('batch-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['done', 'done']);
    await tab(page, /^History/).click();
    await expect.poll(() => page.locator('[data-testid=history-row]').count()).toBe(2);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
