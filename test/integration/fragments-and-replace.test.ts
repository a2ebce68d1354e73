/** A fragment subset; rebuilding an index of the same name (replace) or refusing to (--no-replace). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('fragments-replace');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS, deleteWhere: 'id % 50 = 7' });
});
afterAll(() => removeDir(root));

describe('--fragments', () => {
  it('indexes exactly the given fragments, each batch only from them', async () => {
    const uri = await copyDataset(base.uri, root, 'subset');
    const run = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--fragments', '0,2']);
    expect(run.code).toBe(0);
    expect(run.result.fragmentIds).toEqual([0, 2]);
    expect(run.result.batches.flatMap((b) => b.fragmentIds).sort()).toEqual([0, 2]);
    const v = run.result.verification!;
    expect(v.ok).toBe(true);
    expect(v.coveredFragments).toEqual([0, 2]);
    expect(v.unindexedFragments).toEqual(base.fragments.filter((f) => f !== 0 && f !== 2));
    expect(v.query?.usesIndex).toBe(true);
    const [index] = (await describeJson(['--uri', uri])).indices;
    expect(index.fragmentIds).toEqual([0, 2]);
  });
});

describe('replace', () => {
  /** A fresh copy with category_idx already built: each test starts from its own. */
  async function withExistingIndex(label: string): Promise<{ uri: string; first: { version: number; uuid: string } }> {
    const uri = await copyDataset(base.uri, root, label);
    const run = await buildJson(['--uri', uri, '--column', 'category', '--type', 'BITMAP', '--workers', '2']);
    expect(run.code).toBe(0);
    return { uri, first: { version: run.result.version!, uuid: run.result.segmentUuids![0] } };
  }

  it('by default rebuilds an existing index of the same name: still one index, new segment', async () => {
    const { uri, first } = await withExistingIndex('replace');
    const run = await buildJson(['--uri', uri, '--column', 'category', '--type', 'BITMAP', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.readVersion).toBe(first.version);
    expect(run.result.version).toBe(first.version + 1);
    expect(run.result.verification?.ok).toBe(true);
    const ds = await describeJson(['--uri', uri]);
    const named = ds.indices.filter((i) => i.name === 'category_idx');
    expect(named).toHaveLength(1);
    expect(named[0].segments.map((s) => s.uuid)).toEqual(run.result.segmentUuids);
    expect(named[0].segments[0].uuid).not.toBe(first.uuid);
    expect(named[0].fragmentIds).toEqual(base.fragments);
  });

  it('--no-replace on an existing name exits 2, names the index, and leaves the dataset alone', async () => {
    const { uri } = await withExistingIndex('no-replace');
    const before = await fileSnapshot(uri);
    const run = await runCli(['build', '--uri', uri, '--column', 'category', '--type', 'BITMAP', '--workers', '2', '--no-replace']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("An index named 'category_idx' already exists (Bitmap on category)");
    expect(run.stderr).not.toMatch(/^\s+at |Traceback/m);
    expect(await fileSnapshot(uri)).toEqual(before); // same bytes: same manifests, same version
  });

  it('--no-replace with a new name adds a second index beside the first', async () => {
    const { uri } = await withExistingIndex('second-name');
    const run = await buildJson(['--uri', uri, '--column', 'category', '--type', 'BITMAP', '--workers', '2', '--no-replace', '--name', 'category_bitmap_2']);
    expect(run.code).toBe(0);
    const names = (await describeJson(['--uri', uri])).indices.map((i) => i.name).sort();
    expect(names).toEqual(['category_bitmap_2', 'category_idx']);
  });
});

describe('--only-unindexed', () => {
  it('after an append, indexes just the new fragments and keeps the old segments', async () => {
    const uri = await copyDataset(base.uri, root, 'append');
    const first = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    expect(first.code).toBe(0);
    const grown = await writePylanceDataset({ uri, fragments: [300, 200], appendFrom: 10_000 });
    const added = grown.fragments.filter((f) => !base.fragments.includes(f));
    expect(added).toHaveLength(2);

    const run = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--only-unindexed']);
    expect(run.code).toBe(0);
    expect(run.result.fragmentIds).toEqual(added);
    expect(run.result.verification).toMatchObject({ ok: true, coveredFragments: grown.fragments, unindexedFragments: [] });
    const [index] = (await describeJson(['--uri', uri])).indices;
    const kept = first.result.segmentUuids!;
    expect(index.segments.map((s) => s.uuid)).toEqual(expect.arrayContaining(kept));
    // The new segments cover exactly the appended fragments.
    const fresh = index.segments.filter((s) => !kept.includes(s.uuid));
    expect(fresh.flatMap((s) => s.fragmentIds).sort((a, b) => a - b)).toEqual(added);
  });
});
