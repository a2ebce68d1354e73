/**
 * Explore › Query's vector search (issue 14): the k rows nearest to a chosen row's vector, with
 * nprobes and a refine factor; the plan shows the IVF index was used, the time without it (the
 * exact search) beside. Real vectors written with numpy, an IVF_FLAT index built by the CLI, the
 * answer checked against a brute-force search in Python.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PYTHON } from '../helpers/paths';
import { pageErrors } from './support/browser';
import { buildAndWait, fillBuildForm, formAccepted, openDatasetWindow, tab } from './support/build-form';
import { copyDataset } from '../helpers/temp';
import { CLI, ROOT } from './support/host';
import { useWindowOnSample } from './support/window-fixture';

const run = promisify(execFile);
const w = useWindowOnSample({ name: 'reviews.lance', rows: 2_000, fragments: 2, openDataset: false });
let vectors: string;
const PARTITIONS = 4;

/** The ids of the k rows nearest (L2) to row `row`'s vector, by comparing every vector. */
async function bruteForce(row: number, k: number): Promise<number[]> {
  const script = [
    'import lance, sys, numpy as np',
    't = lance.dataset(sys.argv[1]).to_table(columns=["id", "vec"])',
    'v = np.stack(t.column("vec").to_numpy(zero_copy_only=False))',
    `d = ((v - v[${row}]) ** 2).sum(axis=1)`,
    `print(",".join(str(t.column("id")[int(i)].as_py()) for i in np.argsort(d, kind="stable")[:${k}]))`,
  ].join('\n');
  const { stdout } = await run(PYTHON, ['-c', script, vectors], { env: { ...process.env, LANCE_LOG: 'error' } });
  return stdout.trim().split(',').map(Number);
}

beforeAll(async () => {
  vectors = join(w.dir, 'vectors.lance');
  const write = [
    'import lance, sys, numpy as np, pyarrow as pa',
    'n, d = 6000, 32',
    'v = np.random.default_rng(7).standard_normal((n, d)).astype("float32")',
    't = pa.table({"id": pa.array(np.arange(n)), "vec": pa.FixedSizeListArray.from_arrays(pa.array(v.ravel()), d)})',
    'lance.write_dataset(t, sys.argv[1], max_rows_per_file=1500)',
  ].join('\n');
  await run(PYTHON, ['-c', write, vectors], { env: { ...process.env, LANCE_LOG: 'error' } });
  await run(process.execPath, [CLI, 'build', '--uri', vectors, '--column', 'vec', '--type', 'IVF_FLAT', '--param', `num_partitions=${PARTITIONS}`], {
    cwd: ROOT,
  });
}, 180_000);

describe('vector search in Explore › Query', () => {
  it('finds the k nearest rows to a chosen row with the IVF index, the same rows as a brute-force search, and times the exact search beside', async () => {
    const page = await openDatasetWindow(w, vectors);
    await tab(page, /^Query/).click();
    await page.locator('select[aria-label="query kind"]').selectOption('nearest');
    expect(await page.locator('select[aria-label="vector column"]').inputValue()).toBe('vec');
    await page.locator('input[name=query]').fill('42');
    await page.getByLabel('k', { exact: true }).fill('10');
    await page.getByLabel('nprobes', { exact: true }).fill(String(PARTITIONS)); // every partition: exact answers
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    await expect.poll(() => page.getByTestId('query-index').textContent()).toBe('used index vec_idx');
    const grid = page.getByTestId('query-grid');
    const header = await grid.locator('thead th').allTextContents();
    const idColumn = header.indexOf('id');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    expect(header).toContain('_distance');
    const ids = (await grid.locator(`tbody tr td:nth-child(${idColumn + 1})`).allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(ids).toEqual(await bruteForce(42, 10));
    expect(ids[0]).toBe(42); // its own vector, at distance 0
    expect(await page.getByTestId('time-without-index').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('query-notes').count()).toBe(0); // the k nearest are the whole answer: no "more may match"
    await expect.poll(() => page.getByTestId('query-history').textContent()).toContain('row 42');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a row that does not exist is said under the field, naming the rows there are; nothing runs', async () => {
    const page = await openDatasetWindow(w, vectors);
    await tab(page, /^Query/).click();
    await page.locator('select[aria-label="query kind"]').selectOption('nearest');
    await page.locator('input[name=query]').fill('6000');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-query').textContent()).toBe('Give the row whose vector to search near: a row number from 0 to 5,999.');
    expect(await page.getByTestId('query-grid').count()).toBe(0);
    await page.context().close();
  });

  it('a dataset without a vector column offers no vector search, and says why', async () => {
    const page = await openDatasetWindow(w, w.uri);
    await tab(page, /^Query/).click();
    const option = page.locator('select[aria-label="query kind"] option[value=nearest]');
    expect(await option.isDisabled()).toBe(true);
    expect(await option.textContent()).toBe('Nearest neighbours (vector): no vector column');
    await page.context().close();
  });

  it('builds an IVF_FLAT index from the Build form with a vector parameter: the train phase shows, and the recall is reported', async () => {
    const uri = await copyDataset(vectors, w.dir, 'build');
    const page = await openDatasetWindow(w, uri);
    await tab(page, /^Build/).click();
    await fillBuildForm(page, { type: 'IVF_FLAT', column: 'vec', workers: 2 });
    // The vector parameters are offered for a vector type, like any type's parameters.
    await page.getByRole('button', { name: /defaults/ }).click();
    await page.locator('.param', { hasText: 'num_partitions' }).locator('input').fill(String(PARTITIONS));
    await page.keyboard.press('Escape');
    await formAccepted(page);
    await buildAndWait(page);
    const phases = await page
      .locator('[data-testid=phase-timeline] [data-phase]')
      .evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.phase}:${(e as HTMLElement).dataset.state}`));
    expect(phases).toEqual(['validate:done', 'plan:done', 'train:done', 'build:done', 'commit:done', 'verify:done']);
    expect(await page.getByTestId('verification-recall').textContent()).toMatch(
      /^recall@10 (0\.9\d|1\.00) over \d+ queries against an exact search \(nprobes \d+; at least 0\.9 required\)$/,
    );
    expect(await page.getByTestId('verification-status').textContent()).toBe('OK');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
