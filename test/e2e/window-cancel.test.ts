/**
 * Cancel mid-build (Esc, as a person would) leaves the dataset exactly as it was: same version,
 * same files, no uncommitted index folders left behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pageErrors } from './support/browser';
import { describe as describeDataset, listFiles } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'big.lance', rows: 300_000, fragments: 6, openDataset: true });
beforeAll(async () => {
  await w.page.getByTestId('schema-tree').waitFor();
});

describe('cancel', () => {
  it('Esc during the build phase cancels it and the dataset is unchanged', async () => {
    const before = await listFiles(w.uri);
    const versionBefore = (await describeDataset(w.uri)).version;

    await w.page.getByRole('tab', { name: /^Build/ }).click();
    await w.page.locator('select[name=indexType]').selectOption('FTS');
    await w.page.locator('select[name=column]').selectOption('review');
    await w.page.locator('input[name=workers]').fill('1');
    await w.page.getByRole('button', { name: /defaults/ }).click();
    await w.page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('true');
    await w.page.getByTestId('build-button').click();

    // Wait until a batch is really running in a worker, then cancel.
    await w.page.locator('[data-testid=batch-row][data-state=running]').waitFor({ timeout: 60_000 });
    await w.page.keyboard.press('Escape');

    const result = w.page.getByTestId('result-card');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-outcome')).toBe('cancelled');
    expect(await result.textContent()).toContain(`still at version ${versionBefore}`);
    expect(await w.page.getByTestId('build-status').textContent()).toBe('cancelled');

    expect((await describeDataset(w.uri)).version).toBe(versionBefore);
    expect(await listFiles(w.uri)).toEqual(before);
    expect(await w.page.getByTestId('dataset-version').textContent()).toBe(String(versionBefore));
  });

  it('after a cancel the workers come back and a build succeeds', async () => {
    await w.page.locator('.param', { hasText: 'with_position' }).locator('select').selectOption('');
    await w.page.locator('select[name=indexType]').selectOption('BTREE');
    await w.page.locator('select[name=column]').selectOption('id');
    await w.page.locator('input[name=workers]').fill('2');
    await w.page.getByTestId('build-button').click();
    const result = w.page.getByTestId('result-card');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 90_000 }).toBe('succeeded');
    await w.page.getByRole('tab', { name: /^History/ }).click();
    const outcomes = await w.page.getByTestId('history-row').locator('.status-pill').allTextContents();
    expect(outcomes).toEqual(['succeeded', 'cancelled']);
    expect(pageErrors(w.page)).toEqual([]);
  });
});
