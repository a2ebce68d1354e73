import { describe, expect, it } from 'vitest';
import type { DatasetDescription } from '@shared/contract/dataset';
import { initialBuildState, applyBuildEvent } from '@shared/contract/build-state';
import {
  columnChoices,
  formatFragmentList,
  formIndexName,
  mergeSegmentsTitle,
  parseFragmentList,
  parseParam,
  requestFromForm,
  suggestWorkers,
  DEFAULT_FORM,
} from '@renderer/features/build/form-logic';
import { INDEX_TYPES, INDEX_TYPE_INFO } from '@shared/index-types';
import { parseStorageOptions, targetFromForm } from '@renderer/features/dataset/open-form-logic';
import { sortFragments } from '@renderer/features/explore/fragment-sort';
import { sizeHistogram } from '@renderer/features/explore/fragment-histogram';

const schema: DatasetDescription['schema'] = [
  { name: 'id', path: 'id', type: { kind: 'int', arrow: 'int64' }, nullable: false },
  { name: 'body', path: 'body', type: { kind: 'string', arrow: 'string' }, nullable: true },
  { name: 'tags', path: 'tags', type: { kind: 'list', arrow: 'list<item: string>', item: { kind: 'string', arrow: 'string' } }, nullable: true },
  {
    name: 'meta',
    path: 'meta',
    type: { kind: 'struct', arrow: 'struct<score: int32>' },
    nullable: true,
    children: [{ name: 'score', path: 'meta.score', type: { kind: 'int', arrow: 'int32' }, nullable: true }],
  },
];

describe('build form logic', () => {
  it('offers only columns that suit the type, with the reason for the others', () => {
    const fts = columnChoices(schema, 'FTS');
    expect(fts.suitable.map((f) => f.path)).toEqual(['body', 'tags']);
    expect(fts.unsuitable.find((u) => u.path === 'id')?.reason).toContain('FTS needs strings');
    expect(columnChoices(schema, 'BTREE').suitable.map((f) => f.path)).toEqual(['id', 'body', 'meta.score']);
  });

  it('parses fragment lists with ranges and says what is wrong', () => {
    expect(parseFragmentList('')).toEqual({ ids: undefined });
    expect(parseFragmentList('0-3, 7 9')).toEqual({ ids: [0, 1, 2, 3, 7, 9] });
    expect(parseFragmentList('3-1')).toEqual({ error: expect.stringContaining('backwards') });
    expect(parseFragmentList('a')).toEqual({ error: expect.stringContaining("'a' is not a fragment id") });
  });

  it('writes a selection back compactly', () => {
    expect(formatFragmentList([7, 0, 2, 1, 3, 9])).toBe('0-3, 7, 9');
    expect(formatFragmentList([])).toBe('');
  });

  it('types parameters by their kind', () => {
    expect(parseParam('bool', 'true')).toEqual({ value: true });
    expect(parseParam('int', '1.5')).toEqual({ error: 'a whole number' });
    expect(parseParam('string[]', 'a, b,')).toEqual({ value: ['a', 'b'] });
  });

  it('builds the request; unparseable text becomes a field error, a bad number is left to the core', () => {
    const target = { uri: '/d.lance', storageOptions: {} };
    const ok = requestFromForm({ ...DEFAULT_FORM, column: 'id', workers: '3', fragments: '1-2' }, target);
    expect(ok.errors).toEqual([]);
    expect(ok.request).toMatchObject({ column: 'id', workers: 3, fragmentIds: [1, 2], name: undefined, mergeSegments: false }); // BTREE's default: unmerged
    const bad = requestFromForm({ ...DEFAULT_FORM, workers: 'x', indexType: 'ZONEMAP', params: { rows_per_zone: 'lots' } }, target);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['indexParams', 'workers']);
    expect(requestFromForm({ ...DEFAULT_FORM, workers: '0' }, target).errors).toEqual([]);
  });

  it("says why the type's merge default is what it is, and never offers merging where it is refused", () => {
    expect(mergeSegmentsTitle('BTREE')).toContain('Off by default for BTREE: its queries are as fast on one segment per batch');
    expect(mergeSegmentsTitle('FTS')).toContain('On by default for FTS');
    expect(mergeSegmentsTitle('IVF_SQ')).toMatch(/^IVF_SQ segments are committed unmerged: SQ bounds/);
    for (const t of INDEX_TYPES) if (INDEX_TYPE_INFO[t].vector?.noMerge) expect(INDEX_TYPE_INFO[t].mergedByDefault, t).toBe(false);
  });

  it("names the index the form will build by the core's rule, from the form alone", () => {
    expect(formIndexName({ ...DEFAULT_FORM, column: 'meta.score', name: '' })).toBe('meta_score_idx');
    expect(formIndexName({ ...DEFAULT_FORM, column: 'body', name: '  ' })).toBe('body_idx');
    expect(formIndexName({ ...DEFAULT_FORM, column: 'body', name: ' mine ' })).toBe('mine');
    expect(formIndexName({ ...DEFAULT_FORM, column: '', name: '' })).toBeUndefined();
    // The same name the core validates and builds under.
    expect(requestFromForm({ ...DEFAULT_FORM, column: 'body', name: ' mine ' }, { uri: '/d.lance', storageOptions: {} }).request.name).toBe('mine');
  });

  it("suggests the CLI's automatic count for the type: no more workers than CPUs or fragments, none that don't pay", () => {
    const frags = (n: number, rows: number) => Array.from({ length: n }, (_, id) => ({ id, rows, physicalRows: rows, deletedRows: 0, bytes: null }));
    expect(suggestWorkers(frags(8, 3750), 8, 'FTS').workers).toBe(1); // 30K short rows: ~0.2 s
    expect(suggestWorkers(frags(16, 62_500), 8, 'BTREE').workers).toBe(1); // 1M ints: ~0.2 s
    expect(suggestWorkers(frags(24, 100_000), 8, 'FTS').workers).toBe(6); // ~11 s of text: a 7th saves 0.25 s, costs 0.3
    expect(suggestWorkers(frags(24, 400_000), 8, 'FTS').workers).toBe(8); // ~50 s: one per CPU
    expect(suggestWorkers(frags(3, 1_000_000), 8, 'FTS').workers).toBe(3);
    expect(suggestWorkers(frags(3, 1_000_000), 8, 'FTS').reason).toMatch(/: one per fragment$/);
  });
});

describe('open form logic', () => {
  it('reads storage options and names the bad one', () => {
    expect(parseStorageOptions('region=us-east-1\n# note\naws_endpoint=http://127.0.0.1:9000')).toEqual({
      options: { region: 'us-east-1', aws_endpoint: 'http://127.0.0.1:9000' },
    });
    expect(parseStorageOptions('region')).toEqual({ error: expect.stringContaining("'region' is not key=value") });
  });

  it('makes a uri or namespace target, or errors by field', () => {
    const base = { mode: 'path' as const, uri: ' /a.lance ', storageOptions: '', namespaceRoot: '', tableId: '' };
    expect(targetFromForm(base)).toEqual({ target: { uri: '/a.lance', storageOptions: {} } });
    expect(targetFromForm({ ...base, uri: '' })).toEqual({ errors: { uri: expect.any(String) } });
    expect(targetFromForm({ ...base, mode: 'namespace', namespaceRoot: '/ns', tableId: 'prod.reviews' })).toEqual({
      target: { namespace: { root: '/ns', impl: 'dir', properties: {} }, tableId: ['prod', 'reviews'], storageOptions: {} },
    });
    expect(targetFromForm({ ...base, mode: 'namespace', namespaceRoot: '/ns', tableId: 'a..b' })).toEqual({ errors: { tableId: expect.any(String) } });
  });
});

describe('progress and fragments', () => {
  it('weighs the build phase by rows done', () => {
    let s = initialBuildState('j');
    const ev = (e: object, t = 1) => (s = applyBuildEvent(s, { jobId: 'j', t, ...e } as Parameters<typeof applyBuildEvent>[1]));
    ev({ type: 'phase', phase: 'validate', state: 'done', elapsedMs: 1 });
    ev({ type: 'phase', phase: 'plan', state: 'done', elapsedMs: 1 });
    ev({ type: 'phase', phase: 'build', state: 'started' });
    ev({ type: 'batch-queued', batch: 0, worker: 0, fragmentIds: [0], rows: 300 });
    ev({ type: 'batch-queued', batch: 1, worker: 1, fragmentIds: [1], rows: 100 });
    expect(s.progress).toBeCloseTo(0.12);
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 });
    ev({ type: 'batch-progress', batch: 0, worker: 0, stage: 'x', completed: 150, total: 300, fraction: 0.5 });
    ev({ type: 'batch-done', batch: 1, worker: 1, elapsedMs: 5, uuid: 'u' });
    expect(s.progress).toBeCloseTo(0.12 + (0.7 * (150 + 100)) / 400);
  });

  it('sorts fragments by a column with unknown sizes last, ties by id', () => {
    const f = [
      { id: 0, rows: 5, physicalRows: 5, deletedRows: 0, bytes: 10 },
      { id: 1, rows: null, physicalRows: null, deletedRows: 0, bytes: null },
      { id: 2, rows: 9, physicalRows: 9, deletedRows: 1, bytes: 30 },
      { id: 3, rows: 5, physicalRows: 5, deletedRows: 0, bytes: 10 },
    ];
    expect([...sortFragments(f, { key: 'rows', desc: true })].map((i) => f[i]!.id)).toEqual([2, 0, 3, 1]);
    expect([...sortFragments(f, { key: 'rows', desc: false })].map((i) => f[i]!.id)).toEqual([1, 0, 3, 2]);
  });

  it('bins fragment sizes for the histogram', () => {
    const h = sizeHistogram(
      [0, 10, 10, 20].map((rows, id) => ({ id, rows, physicalRows: rows, deletedRows: 0, bytes: null })),
      2,
    );
    expect(h.map((b) => b.count)).toEqual([1, 3]);
  });
});
