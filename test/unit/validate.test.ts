/** Phase 1 validation as pure logic: a request, and a hand-made description of a dataset. */
import { describe, expect, it } from 'vitest';
import { checkAgainstDataset, checkRequest, MAX_FRAGMENT_ID, MAX_WORKERS, type CheckedRequest } from '@core/validate.js';
import type { BuildRequest } from '@shared/contract/build.js';
import type { ColumnType, DatasetDescription, IndexInfo, SchemaField } from '@shared/contract/dataset.js';

const t = (kind: ColumnType['kind'], arrow: string, item?: ColumnType): ColumnType => ({ kind, arrow, ...(item ? { item } : {}) });
const field = (path: string, type: ColumnType, children?: SchemaField[]): SchemaField => ({
  name: path.split('.').pop()!,
  path,
  type,
  nullable: true,
  ...(children ? { children } : {}),
});

const SCHEMA: SchemaField[] = [
  field('id', t('int', 'int64')),
  field('review', t('string', 'string')),
  field('category', t('dictionary', 'dictionary<values=string, indices=int32, ordered=0>', t('string', 'string'))),
  field('tags', t('list', 'list<item: string>', t('string', 'string'))),
  field('meta', t('struct', 'struct<score: int32, note: string>'), [field('meta.score', t('int', 'int32')), field('meta.note', t('string', 'string'))]),
];

function index(name: string, type: string, fields: string[], segments: number[][]): IndexInfo {
  return {
    name,
    type,
    fields,
    segments: segments.map((ids, i) => ({ uuid: `seg-${name}-${i}`, fragmentIds: ids, datasetVersion: 3, sizeBytes: 100 })),
    fragmentIds: segments.flat().sort((a, b) => a - b),
    rowsIndexed: null,
  };
}

function dataset(over: Partial<DatasetDescription> = {}): DatasetDescription {
  return {
    uri: '/data/reviews.lance',
    storageOptions: {},
    version: 7,
    latestVersion: 7,
    schema: SCHEMA,
    fragments: [0, 1, 2, 3].map((id) => ({ id, rows: 100, physicalRows: 100, deletedRows: 0, bytes: 1000 })),
    indices: [],
    ...over,
  };
}

const request = (over: Partial<BuildRequest> = {}): BuildRequest => ({
  target: { uri: '/data/reviews.lance' },
  column: 'id',
  indexType: 'BTREE',
  workers: 2,
  ...over,
});

function errorsOf(raw: unknown): string[] {
  const r = checkRequest(raw);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

function checked(over: Partial<BuildRequest> = {}): CheckedRequest {
  const r = checkRequest(request(over));
  if (!r.ok) throw new Error(`request should pass: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.value;
}

function datasetErrors(over: Partial<BuildRequest>, ds: DatasetDescription = dataset()): string[] {
  const r = checkAgainstDataset(checked(over), ds);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('checkRequest', () => {
  it('accepts a minimal request and fills the defaults', () => {
    const r = checkRequest(request({ indexType: ' fts ', column: ' review ' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.indexType).toBe('FTS');
    expect(r.value.column).toBe('review');
    expect(r.value.workflow).toBe('segments');
    expect(r.value.request).toMatchObject({ replace: true, retries: 2, indexParams: {}, onlyUnindexed: false });
  });

  it.each([
    ['label-list', 'LABEL_LIST'],
    ['btree', 'BTREE'],
    ['BloomFilter', 'BLOOMFILTER'],
    ['inverted', 'INVERTED'],
  ])('reads index type %s as %s', (given, want) => {
    expect(checked({ indexType: given }).indexType).toBe(want);
  });

  it('refuses an unknown type, listing the known ones', () => {
    expect(errorsOf(request({ indexType: 'HNSW' }))).toEqual([
      "Unknown index type 'HNSW'; use one of BTREE, BITMAP, LABEL_LIST, INVERTED, FTS, NGRAM, ZONEMAP, BLOOMFILTER, IVF_FLAT, IVF_PQ, IVF_SQ, IVF_HNSW_FLAT, IVF_HNSW_PQ, IVF_HNSW_SQ.",
    ]);
  });

  describe('target', () => {
    it('refuses a uri together with a namespace', () => {
      const raw = { ...request(), target: { uri: '/a.lance', namespace: { root: '/ns' }, tableId: ['t'] } };
      expect(errorsOf(raw)).toContain('Give either a dataset uri, or a namespace with a table id, not both.');
    });
    it('refuses no target at all', () => {
      expect(errorsOf({ ...request(), target: {} })).toEqual(['No dataset given: give a dataset path/uri, or a namespace root with a table id.']);
    });
    it('refuses a namespace without a table id', () => {
      expect(errorsOf({ ...request(), target: { namespace: { root: '/ns' } } })).toEqual(['A namespace needs a table id (e.g. --table-id reviews).']);
    });
    it('refuses an empty uri', () => {
      expect(errorsOf({ ...request(), target: { uri: '' } })).toEqual(['The dataset path is empty; give a folder or object-store uri.']);
    });
    it('accepts a namespace with a table id', () => {
      expect(errorsOf({ ...request(), target: { namespace: { root: '/ns' }, tableId: ['reviews'] } })).toEqual([]);
    });
  });

  it.each(['', '   '])('refuses the empty column %j', (column) => {
    expect(errorsOf(request({ column }))).toEqual(['Column is empty; give the name of the column to index (nested fields as a.b).']);
  });

  it.each([0, -1, 1.5, Number.NaN, MAX_WORKERS + 1])('refuses %s workers, naming the value', (workers) => {
    expect(errorsOf(request({ workers }))).toEqual([`Workers must be a whole number from 1 to ${MAX_WORKERS}; got ${workers}.`]);
  });

  it('refuses workers given as text (a form field), quoting it', () => {
    expect(errorsOf({ ...request(), workers: '2' })).toEqual([`Workers must be a whole number from 1 to ${MAX_WORKERS}; got "2".`]);
  });

  it.each([1, MAX_WORKERS])('accepts %s workers', (workers) => {
    expect(errorsOf(request({ workers }))).toEqual([]);
  });

  it('reports every problem together', () => {
    expect(errorsOf(request({ workers: 0, indexType: 'NOPE', column: '' }))).toHaveLength(3);
  });

  describe('workflow', () => {
    it('refuses an unknown workflow', () => {
      expect(errorsOf(request({ workflow: 'spark' }))).toEqual(["Unknown workflow 'spark'; use segments or merge."]);
    });
    it('accepts merge for FTS and INVERTED, case-insensitively', () => {
      expect(checked({ indexType: 'FTS', column: 'review', workflow: 'MERGE' }).workflow).toBe('merge');
      expect(errorsOf(request({ indexType: 'INVERTED', workflow: 'merge' }))).toEqual([]);
    });
    it.each(['BTREE', 'BITMAP', 'NGRAM', 'LABEL_LIST', 'ZONEMAP', 'BLOOMFILTER'])('refuses merge for %s', (indexType) => {
      expect(errorsOf(request({ indexType, workflow: 'merge' }))).toEqual([
        `The merge workflow exists only for INVERTED/FTS; ${indexType} is built with --workflow segments.`,
      ]);
    });
    it('refuses merging segments in the merge workflow, but not turning it off', () => {
      expect(errorsOf(request({ indexType: 'FTS', workflow: 'merge', mergeSegments: true }))).toEqual([
        'Merging segments applies to the segments workflow; the merge workflow always produces one index.',
      ]);
      expect(errorsOf(request({ indexType: 'FTS', workflow: 'merge', mergeSegments: false }))).toEqual([]);
    });
  });

  it.each(['', ' leading', 'a/b', 'a\\b'])('refuses the index name %j', (name) => {
    expect(errorsOf(request({ name }))).toEqual([`Index name '${name}' is not allowed; use a non-empty name without slashes or leading spaces.`]);
  });

  describe('fragment ids', () => {
    it('refuses an empty list', () => {
      expect(errorsOf(request({ fragmentIds: [] }))).toEqual([
        'The fragment list is empty; give at least one fragment id, or leave it out to index all fragments.',
      ]);
    });
    it('refuses ids outside 0..2^32-1 or not whole, naming them', () => {
      expect(errorsOf(request({ fragmentIds: [1, -1, 2.5, MAX_FRAGMENT_ID + 1] }))).toEqual([
        `Fragment ids must be whole numbers from 0 to ${MAX_FRAGMENT_ID}; got -1, 2.5, ${MAX_FRAGMENT_ID + 1}.`,
      ]);
    });
    it('accepts both ends of the range', () => {
      expect(errorsOf(request({ fragmentIds: [0, MAX_FRAGMENT_ID] }))).toEqual([]);
    });
    it('refuses duplicates, naming each once', () => {
      expect(errorsOf(request({ fragmentIds: [3, 1, 3, 1, 3] }))).toEqual(['Fragment ids are listed twice: 3, 1.']);
    });
    it('refuses a fragment list together with only-unindexed', () => {
      expect(errorsOf(request({ fragmentIds: [1], onlyUnindexed: true }))).toEqual(['Give either a fragment list or only-unindexed, not both.']);
    });
  });

  describe('index parameters', () => {
    it('passes known parameters of the right type', () => {
      expect(errorsOf(request({ indexType: 'FTS', indexParams: { with_position: true, max_token_length: 20, custom_stop_words: ['a'] } }))).toEqual([]);
      expect(errorsOf(request({ indexType: 'BLOOMFILTER', indexParams: { probability: 0.01 } }))).toEqual([]);
    });
    it('refuses a parameter the type does not have, listing the ones it has', () => {
      expect(errorsOf(request({ indexParams: { tokenizer: 'simple' } }))).toEqual(["BTREE has no parameter 'tokenizer'; it accepts zone_size."]);
    });
    it('refuses any parameter for a type that takes none', () => {
      expect(errorsOf(request({ indexType: 'BITMAP', indexParams: { zone_size: 4 } }))).toEqual(["BITMAP takes no parameters (got 'zone_size')."]);
    });
    it.each([
      ['with_position', 'yes'],
      ['max_token_length', 2.5],
      ['custom_stop_words', 'a,b'],
    ])('refuses %s = %j (wrong value type)', (name, value) => {
      const [message] = errorsOf(request({ indexType: 'FTS', indexParams: { [name]: value } }));
      expect(message).toMatch(new RegExp(`^Parameter '${name}' of FTS must be `));
      expect(message).toContain(JSON.stringify(value));
    });
  });

  it('refuses retries above 10 (shape check by the schema)', () => {
    const [message] = errorsOf(request({ retries: 11 }));
    expect(message).toMatch(/^retries: /);
  });
});

describe('checkAgainstDataset', () => {
  it('fills the name and the fragments when all is well', () => {
    const r = checkAgainstDataset(checked(), dataset());
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ name: 'id_idx', fragmentIds: [0, 1, 2, 3], replaces: undefined }) });
  });

  it('names a nested column a_b_idx', () => {
    const r = checkAgainstDataset(checked({ column: 'meta.score' }), dataset());
    expect(r.ok && r.value.name).toBe('meta_score_idx');
  });

  describe('column', () => {
    it('refuses a missing column, listing the top-level columns', () => {
      expect(datasetErrors({ column: 'stars' })).toEqual([
        "Column 'stars' does not exist; the dataset has id, review, category, tags, meta (nested fields as a.b).",
      ]);
    });
    it('suggests the column a wrong case meant', () => {
      expect(datasetErrors({ column: 'Review' })[0]).toContain("Column 'Review' does not exist (did you mean 'review'?)");
    });
    it("refuses a missing nested field, listing the struct's fields", () => {
      expect(datasetErrors({ column: 'meta.grade' })[0]).toContain("Column 'meta.grade' does not exist; 'meta' has meta.score, meta.note");
    });
    it('refuses a column whose type does not suit, listing those that do', () => {
      expect(datasetErrors({ column: 'id', indexType: 'FTS' })).toEqual([
        "Column 'id' has type int64; FTS needs strings or lists of strings (not dictionary-encoded). Columns that suit FTS: review, tags, meta.note.",
      ]);
    });
    it('explains that dictionary-encoded columns must be rewritten', () => {
      expect(datasetErrors({ column: 'category', indexType: 'BITMAP' })[0]).toContain('Dictionary-encoded columns are refused by Lance');
    });
    it('refuses a struct for BTREE but accepts its int field', () => {
      expect(datasetErrors({ column: 'meta' })[0]).toContain("Column 'meta' has type struct<score: int32, note: string>; BTREE needs");
      expect(datasetErrors({ column: 'meta.score' })).toEqual([]);
    });
  });

  describe('an index of the same name', () => {
    const withIndex = (...indices: IndexInfo[]) => dataset({ indices });

    it('is replaced by default, and named in the spec', () => {
      const r = checkAgainstDataset(checked(), withIndex(index('id_idx', 'BTree', ['id'], [[0, 1, 2, 3]])));
      expect(r.ok && r.value.replaces).toBe('id_idx');
    });
    it('is an error with replace off', () => {
      expect(datasetErrors({ replace: false }, withIndex(index('id_idx', 'BTree', ['id'], [[0, 1, 2, 3]])))).toEqual([
        "An index named 'id_idx' already exists (BTree on id); choose another name or allow replace.",
      ]);
    });
    it('is an error when it indexes another column', () => {
      expect(datasetErrors({ name: 'shared' }, withIndex(index('shared', 'BTree', ['review'], [[0]])))).toEqual([
        "Index 'shared' exists on column review, not 'id'; choose another name.",
      ]);
    });
    it('is an error when it has another type', () => {
      expect(datasetErrors({ indexType: 'BITMAP' }, withIndex(index('id_idx', 'BTree', ['id'], [[0, 1, 2, 3]])))).toEqual([
        "An index named 'id_idx' already exists as a BTree index on id; a BITMAP build can't replace it (Lance replaces an index only with one of the same type). Choose another name, e.g. 'id_bitmap_idx'.",
      ]);
    });
    it('of type Inverted is replaced by FTS and INVERTED alike', () => {
      const ds = withIndex(index('review_idx', 'Inverted', ['review'], [[0, 1, 2, 3]]));
      expect(datasetErrors({ column: 'review', indexType: 'FTS' }, ds)).toEqual([]);
      expect(datasetErrors({ column: 'review', indexType: 'INVERTED' }, ds)).toEqual([]);
    });
    it('can be replaced segment by segment, but not in part of a segment', () => {
      const ds = withIndex(
        index(
          'id_idx',
          'BTree',
          ['id'],
          [
            [0, 3],
            [1, 2],
          ],
        ),
      );
      expect(datasetErrors({ fragmentIds: [0, 3] }, ds)).toEqual([]);
      const [message] = datasetErrors({ fragmentIds: [0, 1] }, ds);
      expect(message).toContain("Index 'id_idx' has a segment over fragments 0, 3; rebuilding only some of them would leave 3 unindexed.");
    });
  });

  describe('fragments', () => {
    it('refuses ids the dataset does not have, naming them and the version', () => {
      expect(datasetErrors({ fragmentIds: [1, 8, 9] })).toEqual(['Fragment ids 8, 9 do not exist at version 7; existing ids: 0, 1, 2, 3.']);
    });
    it('summarises a long list of existing ids', () => {
      const many = dataset({ fragments: Array.from({ length: 40 }, (_, id) => ({ id, rows: 1, physicalRows: 1, deletedRows: 0, bytes: 1 })) });
      expect(datasetErrors({ fragmentIds: [99] }, many)[0]).toContain('existing ids: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (40 in all, up to 39)');
    });
    it('keeps exactly the given subset', () => {
      const r = checkAgainstDataset(checked({ fragmentIds: [2, 0] }), dataset());
      expect(r.ok && r.value.fragmentIds).toEqual([2, 0]);
    });
    it('with only-unindexed, keeps the fragments the index does not cover', () => {
      const ds = dataset({ indices: [index('id_idx', 'BTree', ['id'], [[0, 1]])] });
      const r = checkAgainstDataset(checked({ onlyUnindexed: true }), ds);
      expect(r.ok && r.value.fragmentIds).toEqual([2, 3]);
    });
    it('with only-unindexed and no index yet, keeps every fragment', () => {
      const r = checkAgainstDataset(checked({ onlyUnindexed: true }), dataset());
      expect(r.ok && r.value.fragmentIds).toEqual([0, 1, 2, 3]);
    });
    it('with only-unindexed and nothing left, refuses', () => {
      const ds = dataset({ indices: [index('id_idx', 'BTree', ['id'], [[0, 1, 2, 3]])] });
      expect(datasetErrors({ onlyUnindexed: true }, ds)).toEqual(["Index 'id_idx' already covers every fragment at version 7; nothing to index."]);
    });
    it('refuses a dataset with no fragments', () => {
      expect(datasetErrors({}, dataset({ fragments: [] }))).toEqual([
        'The dataset at /data/reviews.lance has no fragments (no rows) at version 7; there is nothing to index.',
      ]);
    });
  });
});
