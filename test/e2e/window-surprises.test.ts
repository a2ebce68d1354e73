/**
 * The window never surprises (issue 10): Esc cancels only a build's own screen, and asks first
 * once the build has run a while; a failed Open changes nothing that was open; the form filled by
 * the window's shortcuts passes the core's checks instead of carrying an old type, column or name
 * into a wall of red; a parameter pylance would refuse is said under Parameters before any build.
 */
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyDataset } from '../helpers/temp';
import { pageErrors } from './support/browser';
import { buildAndWait, fillBuildForm, formAccepted, openDatasetWindow, ranSeconds, status, tab } from './support/build-form';
import { describe as describeDataset } from './support/dataset';
import { useWindowOnSample } from './support/window-fixture';

const w = useWindowOnSample({ name: 'reviews.lance', rows: 600_000, fragments: 8, openDataset: false });

const openWindow = (uri: string) => openDatasetWindow(w, uri);

describe('Esc', () => {
  it('cancels nothing outside the Build screen; on it, asks first once the build has run a while; closes the Parameters popover', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'esc');
    const page = await openWindow(uri);
    await tab(page, /^Build/).click();
    await page.locator('select[name=indexType]').selectOption('FTS');
    await page.locator('select[name=column]').selectOption('review');
    await page.locator('input[name=workers]').fill('1');
    // Esc closes the popover and nothing else.
    await page.getByRole('button', { name: /defaults/ }).click();
    // The ngram tokenizer makes many more tokens: a build long enough to be asked about.
    await page.locator('.param', { hasText: 'base_tokenizer' }).locator('input').fill('ngram');
    await page.locator('.param', { hasText: 'max_token_length' }).locator('input').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('params-popover').count()).toBe(0);
    await formAccepted(page);

    await page.getByTestId('build-button').click();
    await expect.poll(() => ranSeconds(page), { timeout: 90_000 }).toBeGreaterThan(3.2);

    // Typing a query and pressing Esc there must not throw the build away.
    await tab(page, /^Explore/).click();
    await tab(page, /Query/).click();
    await page.locator('input[name=query]').fill("category = 'toys'");
    await page.keyboard.press('Escape');
    await tab(page, /^Build/).click();
    expect(await status(page)).toBe('running');
    expect(await page.getByTestId('cancel-question').count()).toBe(0);

    // On the Build screen: a question, which Esc answers "keep building".
    await page.keyboard.press('Escape');
    await page.getByTestId('cancel-question').waitFor();
    expect(await page.getByTestId('cancel-question').textContent()).toMatch(/^Stop this build\? It has run [\d.]+ s; nothing will be committed\./);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('cancel-question').count()).toBe(0);
    expect(await status(page)).toBe('running');

    // Asked again and confirmed with Enter (the focused Stop build): cancelled, nothing committed.
    await page.keyboard.press('Escape');
    await page.getByTestId('cancel-question').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page), { timeout: 60_000 }).toBe('cancelled');
    expect((await describeDataset(uri)).indices).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('a failed Open', () => {
  it('changes nothing that was open: the sidebar keeps the dataset, Refresh reads it again; the error says what the path is', async () => {
    const page = await openWindow(w.uri);
    const identity = page.getByTestId('dataset-identity');
    const before = await identity.textContent();
    const file = join(w.dir, 'notes.txt');
    await writeFile(file, 'not a dataset');

    await page.keyboard.press('Control+o');
    await page.locator('input[name=uri]').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    // Other tests' copies may sit there too: the open dataset is among those listed.
    await expect
      .poll(() => page.getByTestId('error-uri').textContent())
      .toContain(`'${file}' is a file, not a Lance dataset: a dataset is a folder with _versions/ inside. Datasets next to it: `);
    expect(await page.getByTestId('error-uri').textContent()).toContain(w.uri);
    expect(await identity.textContent()).toBe(before);
    await page.locator('input[name=uri]').fill(w.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('error-uri').textContent())
      .toContain(`'${w.dir}' is a folder that holds Lance datasets, not a dataset itself; open one of them: `);
    expect(await identity.textContent()).toBe(before);

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('.identity-uri').textContent()).toBe(w.uri);
    expect(await identity.textContent()).toBe(before);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('form state carried over', () => {
  it('"Build on these" picks a name that passes, where the default is taken by an index of another type', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'subset');
    const page = await openWindow(uri);
    await fillBuildForm(page, { type: 'BTREE', column: 'user_id' });
    await buildAndWait(page);

    // Left in the form: BITMAP on user_id, whose default name user_id_idx is now a BTree index.
    await page.locator('select[name=indexType]').selectOption('BITMAP');
    await expect
      .poll(() => page.getByTestId('error-name').textContent())
      .toContain("already exists as a BTree index on user_id; a BITMAP build can't replace it");
    await tab(page, /^Explore/).click();
    await tab(page, /Fragments/).click();
    await page.getByTestId('fragment-row').nth(0).click();
    await page
      .getByTestId('fragment-row')
      .nth(1)
      .click({ modifiers: ['Shift'] });
    await page.getByTestId('build-on-selection').click();
    expect(await page.locator('input[name=name]').inputValue()).toBe('user_id_bitmap_idx');
    await formAccepted(page);
    await buildAndWait(page);
    // The six fragments not chosen were left out, not "newer".
    expect(await page.getByTestId('left-out-note').textContent()).toMatch(/^6 fragments left out of this build, so not indexed/);
    expect(await page.getByTestId('newer-note').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('"Index the N missing" builds under the index\'s own name and type; a change of column then clears that name', async () => {
    const uri = await copyDataset(w.uri, w.dir, 'missing');
    const page = await openWindow(uri);
    await fillBuildForm(page, { type: 'BTREE', column: 'id', fragments: '0-2' });
    await buildAndWait(page);

    // Something else in the form, then the shortcut on id_idx.
    await page.locator('select[name=indexType]').selectOption('FTS');
    await tab(page, /^Explore/).click();
    await tab(page, /Indices/).click();
    await page.locator('[data-testid=index-card][data-name=id_idx] [data-testid=index-missing]').click();
    expect(await page.locator('select[name=indexType]').inputValue()).toBe('BTREE');
    expect(await page.locator('select[name=column]').inputValue()).toBe('id');
    expect(await page.locator('input[name=name]').inputValue()).toBe('id_idx');
    // Said once the core has validated the shortcut's form (it names the index whose gaps these are).
    await expect.poll(() => page.locator('input[name=fragmentIds]').getAttribute('placeholder')).toBe('only the 5 unindexed');
    await formAccepted(page);
    await buildAndWait(page);
    expect((await describeDataset(uri)).indices.find((i) => i.name === 'id_idx')?.fragmentIds).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    // The name belonged to that shortcut: another column doesn't inherit it (and fail on it).
    await page.locator('select[name=column]').selectOption('user_id');
    expect(await page.locator('input[name=name]').inputValue()).toBe('');
    await formAccepted(page);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('a parameter value pylance refuses is said under Parameters, in its words, before any build; Build is off', async () => {
    const page = await openWindow(w.uri);
    await tab(page, /^Build/).click();
    await page.locator('select[name=indexType]').selectOption('FTS');
    await page.getByRole('button', { name: /defaults/ }).click();
    await page.locator('.param', { hasText: 'block_size' }).locator('input').fill('64');
    const message = "Parameter 'block_size' of FTS can't be 64; pylance accepts 128 or 256 (documents per posting block).";
    await expect.poll(() => page.getByTestId('error-indexParams').textContent()).toBe(message);
    expect(await page.getByTestId('build-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('build-blocked').textContent()).toBe('Fix Parameters first');
    expect(await page.getByTestId('build-blocked').getAttribute('title')).toBe(message);
    // Still said with the popover closed.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('error-indexParams').textContent()).toBe(message);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('error-indexParams').count()).toBe(1);
    expect(await page.getByTestId('run').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
