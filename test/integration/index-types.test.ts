/**
 * Every scalar index type this app offers (vector types: vector-indices.test.ts), built with 2 workers on a dataset pylance wrote: the CLI
 * exits 0, the index covers every fragment, the verifying query uses it, and @lancedb/lancedb's
 * answers through it equal a full scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCALAR_INDEX_TYPES as INDEX_TYPES, type ScalarIndexType as IndexType } from '@shared/index-types.js';
import { buildJson } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { listItems, runProbe, withLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

/** Lance's own name for each type, as describe_indices reports it. */
const LANCE_NAME: Record<IndexType, string> = {
  BTREE: 'BTree',
  BITMAP: 'Bitmap',
  LABEL_LIST: 'LabelList',
  INVERTED: 'Inverted',
  FTS: 'Inverted',
  NGRAM: 'NGram',
  ZONEMAP: 'ZoneMap',
  BLOOMFILTER: 'BloomFilter',
};

const PROBES: Record<IndexType, Probe> = {
  BTREE: { column: 'id', where: 'id >= 100 AND id < 180', matches: (v) => Number(v) >= 100 && Number(v) < 180 },
  BITMAP: { column: 'category', where: "category = 'garden'", matches: (v) => v === 'garden' },
  LABEL_LIST: { column: 'tags', where: "array_has_any(tags, ['gift'])", matches: (v) => listItems(v).includes('gift') },
  INVERTED: { column: 'review', fullText: RARE_TOKEN, matches: (v) => String(v).split(' ').includes(RARE_TOKEN) },
  FTS: { column: 'review', fullText: 'kitchen', matches: (v) => String(v).split(' ').includes('kitchen') },
  NGRAM: { column: 'sku', where: "contains(sku, '0012')", matches: (v) => String(v).includes('0012') },
  ZONEMAP: { column: 'rating', where: 'rating = 3', matches: (v) => v === 3 },
  BLOOMFILTER: { column: 'sku', where: "sku = 'sku-000123'", matches: (v) => v === 'sku-000123' },
};

let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('index-types');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS, deleteWhere: 'id % 50 = 7' });
});
afterAll(() => removeDir(root));

describe('every supported index type builds with 2 workers', () => {
  it('the table covers every type the CLI offers', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...INDEX_TYPES].sort());
  });

  it.each(INDEX_TYPES)('%s', async (type) => {
    const probe = PROBES[type];
    // A fresh copy per type: two indices on one column can change which one a query picks.
    const uri = await copyDataset(base.uri, root, type.toLowerCase());
    const run = await buildJson(['--uri', uri, '--column', probe.column, '--type', type, '--workers', '2']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { result } = run;
    expect(result.ok).toBe(true);
    expect(result.indexName).toBe(`${probe.column}_idx`);
    expect(result.plan?.workers).toHaveLength(2);
    // Two workers ran the two batches (lanes of the CLI's one engine process: engine-lanes.test.ts).
    const workers = new Set(run.events.flatMap((e) => (e.type === 'batch-started' ? [e.worker] : [])));
    expect(workers).toEqual(new Set([0, 1]));

    const v = result.verification!;
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.type).toBe(LANCE_NAME[type]);
    expect(v.coveredFragments).toEqual(base.fragments);
    expect(v.unindexedFragments).toEqual([]);
    expect(v.query?.usesIndex).toBe(true);

    const outcome = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(outcome.usesIndex, outcome.plan).toBe(true);
    expect(outcome.fullScanIds.length).toBeGreaterThan(0);
    expect(outcome.ids).toEqual(outcome.fullScanIds);
  });
});

describe('a nested a.b column', () => {
  it('builds BTREE on meta.score, named meta_score_idx, and lancedb answers through it', async () => {
    const uri = await copyDataset(base.uri, root, 'nested');
    const run = await buildJson(['--uri', uri, '--column', 'meta.score', '--type', 'BTREE', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.indexName).toBe('meta_score_idx');
    expect(run.result.verification).toMatchObject({ ok: true, coveredFragments: base.fragments, query: { usesIndex: true } });
    const probe: Probe = { column: 'meta.score', where: 'meta.score = 42', matches: (v) => v === 42 };
    const outcome = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(outcome.usesIndex, outcome.plan).toBe(true);
    expect(outcome.fullScanIds.length).toBeGreaterThan(0);
    expect(outcome.ids).toEqual(outcome.fullScanIds);
  });
});
