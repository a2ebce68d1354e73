/**
 * Rows appended by another writer after an index was built: the window offers to index only
 * the fragments the index lacks, and that build covers them without touching the others.
 */
import { beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { pythonExecutable, engineEnv } from '@engine/python-env';
import { pageErrors } from './support/browser';
import { describe as describeDataset } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'grow.lance', rows: 20_000, fragments: 4, openDataset: true });
beforeAll(async () => {
  await w.page.getByTestId('schema-tree').waitFor();
});

/** The Name field's hint (its description), read in the same task as a column change: before any validation could answer. */
async function nameHintRightAfterChoosing(column: string): Promise<string | undefined> {
  return w.page.evaluate((col) => {
    const select = document.querySelector<HTMLSelectElement>('select[name=column]')!;
    select.value = col;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const id = document.querySelector('input[name=name]')!.getAttribute('aria-describedby');
    return id ? (document.getElementById(id)?.textContent ?? undefined) : undefined;
  }, column);
}

async function buildAndWait(): Promise<void> {
  await w.page.getByTestId('build-button').click();
  const result = w.page.getByTestId('result-card');
  await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
}

it('offers "index only the unindexed" after another writer appends, and covers just those', async () => {
  await w.page.getByRole('tab', { name: /^Build/ }).click();
  await w.page.locator('select[name=indexType]').selectOption('BTREE');
  // BTREE queries are as fast on one segment per batch: its builds leave "merge segments" off.
  expect(await w.page.locator('input[name=mergeSegments]').isChecked()).toBe(false);
  await w.page.locator('select[name=column]').selectOption('id');
  await w.page.locator('input[name=workers]').fill('2');
  await buildAndWait();
  const first = (await describeDataset(w.uri)).indices.find((i) => i.name === 'id_idx')!;
  expect(first.fragmentIds).toEqual([0, 1, 2, 3]);
  expect(first.segments).toHaveLength(2);

  // Another process appends rows: a new fragment the index doesn't cover.
  execFileSync(
    pythonExecutable(),
    ['-c', `import lance; ds=lance.dataset(${JSON.stringify(w.uri)}); lance.write_dataset(ds.to_table(limit=300), ${JSON.stringify(w.uri)}, mode='append')`],
    { env: engineEnv() },
  );
  await w.page.getByRole('button', { name: 'Refresh' }).click();
  const offer = w.page.getByTestId('only-unindexed');
  await expect.poll(() => offer.textContent(), { timeout: 30_000 }).toBe('index only the 1 unindexed');
  await offer.click();
  expect(await w.page.locator('input[name=fragmentIds]').getAttribute('placeholder')).toBe('only the 1 unindexed');
  await buildAndWait();

  const after = (await describeDataset(w.uri)).indices.find((i) => i.name === 'id_idx')!;
  expect(after.fragmentIds).toEqual([0, 1, 2, 3, 4]);
  // The old segments stayed; the new one covers only the appended fragment.
  expect(after.segments.map((s) => s.fragmentIds).sort()).toEqual([...first.segments.map((s) => s.fragmentIds), [4]].sort());
  expect(pageErrors(w.page)).toEqual([]);
});

it('names the index a column will get as soon as the column is chosen, not after the next check', async () => {
  await w.page.getByRole('tab', { name: /^Build/ }).click();
  await w.page.locator('select[name=indexType]').selectOption('BTREE');
  await w.page.locator('input[name=name]').fill('');
  expect(await nameHintRightAfterChoosing('user_id')).toBe('will be user_id_idx');
  expect(await nameHintRightAfterChoosing('meta.score')).toBe('will be meta_score_idx');
  expect(await nameHintRightAfterChoosing('id')).toBe('will be id_idx');
  expect(pageErrors(w.page)).toEqual([]);
});
