/** The Build form as the window's shortcuts fill it, the reason Build is off, the query's notes. */
import { describe, expect, it } from 'vitest';
import type { DatasetDescription, IndexInfo } from '@shared/contract/dataset';
import { withArticle } from '@shared/format';
import { DEFAULT_FORM, buildBlockedReason } from '@renderer/features/build/form-logic';
import { missingFragmentsForm, subsetForm } from '@renderer/features/build/form-shortcuts';
import { queryNotes } from '@renderer/features/explore/query-notes';

const str = { kind: 'string' as const, arrow: 'string' };
const int = { kind: 'int' as const, arrow: 'int64' };
const index = (name: string, type: string, field: string, segments: number[][]): IndexInfo => ({
  name,
  type,
  fields: [field],
  fragmentIds: segments.flat(),
  rowsIndexed: null,
  segments: segments.map((fragmentIds, i) => ({ uuid: `u${i}`, fragmentIds, datasetVersion: 1, sizeBytes: null })),
});
const dataset = (indices: IndexInfo[]): DatasetDescription => ({
  uri: '/d.lance',
  storageOptions: {},
  version: 3,
  latestVersion: 3,
  schema: [
    { name: 'id', path: 'id', type: int, nullable: false },
    { name: 'review', path: 'review', type: str, nullable: true },
    { name: 'tags', path: 'tags', type: { kind: 'list', arrow: 'list<item: string>', item: str }, nullable: true },
    {
      name: 'meta',
      path: 'meta',
      type: { kind: 'struct', arrow: 'struct<note: string>' },
      nullable: true,
      children: [{ name: 'note', path: 'meta.note', type: str, nullable: true }],
    },
  ],
  fragments: [0, 1, 2, 3].map((id) => ({ id, rows: 10, physicalRows: 10, deletedRows: 0, bytes: 100 })),
  indices,
});

describe('"Build on these"', () => {
  it('keeps a form that fits: its type and column, the default name, the selection', () => {
    const patch = subsetForm({ ...DEFAULT_FORM, indexType: 'BTREE', column: 'id' }, dataset([]), [1, 2]);
    expect(patch).toMatchObject({ indexType: 'BTREE', column: 'id', name: '', fragments: '1-2', onlyUnindexed: false, workflow: 'segments' });
  });

  it('a column left over that no longer suits the type is swapped for one that does', () => {
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'FTS', column: 'id' }, dataset([]), [0])).toMatchObject({ indexType: 'FTS', column: 'review' });
  });

  it('a default name taken by an index of another type, or by a segment the subset would split, gets a name of its own', () => {
    const otherType = dataset([index('id_idx', 'BTree', 'id', [[0, 1, 2, 3]])]);
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'BITMAP', column: 'id' }, otherType, [1])).toMatchObject({ name: 'id_bitmap_idx', nameAuto: true });
    // Same type, but rebuilding fragment 1 alone would leave 0, 2, 3 of its segment unindexed.
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'BTREE', column: 'id' }, otherType, [1])).toMatchObject({ name: 'id_btree_idx', nameAuto: true });
    // A whole segment is fine to replace.
    const twoSegments = dataset([
      index('id_idx', 'BTree', 'id', [
        [0, 1],
        [2, 3],
      ]),
    ]);
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'BTREE', column: 'id' }, twoSegments, [2, 3])).toMatchObject({ name: '', nameAuto: false });
  });

  it('a name the person typed is kept when it fits; one the window filled in for another build is not', () => {
    const d = dataset([index('review_idx', 'Inverted', 'review', [[0, 1, 2, 3]])]);
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'FTS', column: 'review', name: 'mine' }, d, [0])).toMatchObject({ name: 'mine', nameAuto: false });
    expect(subsetForm({ ...DEFAULT_FORM, indexType: 'FTS', column: 'review', name: 'review_idx', nameAuto: true }, d, [0])).toMatchObject({
      name: 'review_fts_idx',
    });
  });
});

describe('"Index the N missing"', () => {
  it("the index's own name, type and column (nested fields by their path, Lance's type names mapped), only what it lacks", () => {
    const d = dataset([index('tags_idx', 'LabelList', 'tags', [[0]]), index('note_idx', 'NGram', 'note', [[0, 1]])]);
    expect(missingFragmentsForm(d, d.indices[0]!)).toMatchObject({
      indexType: 'LABEL_LIST',
      column: 'tags',
      name: 'tags_idx',
      nameAuto: true,
      fragments: '',
      onlyUnindexed: true,
      workflow: 'segments',
      replace: true,
    });
    expect(missingFragmentsForm(d, d.indices[1]!)).toMatchObject({ indexType: 'NGRAM', column: 'meta.note' });
    // A type the app doesn't build (IVF_PQ is built since issue 14; IVF_RQ is not).
    expect(missingFragmentsForm(d, index('v', 'IVF_RQ', 'id', [[0]]))).toBeUndefined();
  });
});

describe('why Build is off', () => {
  it('names the fields to fix (their problems are under them), the messages in full for a hover', () => {
    expect(buildBlockedReason([])).toBeUndefined();
    expect(buildBlockedReason([{ field: 'workers', message: 'Workers must be a whole number from 1 to 256; got 0.' }])).toEqual({
      text: 'Fix Workers first',
      detail: 'Workers must be a whole number from 1 to 256; got 0.',
    });
    expect(
      buildBlockedReason([
        { field: 'indexParams', message: 'p' },
        { field: 'name', message: 'n' },
        { field: 'name', message: 'm' },
      ]),
    ).toEqual({
      text: 'Fix Parameters first (and Name)',
      detail: 'p\nn\nm',
    });
  });
});

describe('query notes', () => {
  it('says when only the first rows are shown, and when an index covers only part of the fragments', () => {
    const d = dataset([index('review_idx', 'Inverted', 'review', [[0, 1, 2]])]);
    expect(queryNotes(100, 100, ['review_idx'], d)).toEqual([
      'first 100 rows only (the limit); more may match',
      'review_idx covers 3 of 4 fragments; the other 1 was scanned without it',
    ]);
    expect(queryNotes(100, 100, [], d, 29_365)).toEqual(['first 100 of 29,365 matching rows']);
    expect(queryNotes(12, 100, [], d)).toEqual([]);
  });
});

describe('words', () => {
  it('"an" before a vowel sound, letters of initialisms included', () => {
    expect(['Inverted', 'BTree', 'FTS', 'NGram', 'Bitmap', 'LabelList'].map(withArticle)).toEqual([
      'an Inverted',
      'a BTree',
      'an FTS',
      'an NGram',
      'a Bitmap',
      'a LabelList',
    ]);
  });
});
