/**
 * The two ways an index is put together: `segments` (every type: per-batch segments, merged into
 * one or committed as they are, by flag or by the type's default) and `merge` (INVERTED/FTS only: one shared index
 * folder whose partial metadata is merged, then committed with CreateIndex).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { runProbe, withLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

const FTS_PROBES: Probe[] = [
  { column: 'review', fullText: RARE_TOKEN, matches: (v) => String(v).split(' ').includes(RARE_TOKEN) },
  { column: 'review', fullText: 'battery', matches: (v) => String(v).split(' ').includes('battery') },
];

let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('workflows');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS, deleteWhere: 'id % 50 = 7' });
});
afterAll(() => removeDir(root));

const indexDirs = (uri: string) => readdir(join(uri, '_indices')).then((d) => d.sort());

async function ftsAnswers(uri: string) {
  return withLancedbTable(uri, async (t) => Promise.all(FTS_PROBES.map((p) => runProbe(t, p))));
}

describe('--workflow merge (FTS)', () => {
  const buildMerged = async (label: string) => {
    const uri = await copyDataset(base.uri, root, label);
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', '--workflow', 'merge']);
    expect(run.code).toBe(0);
    return { uri, run };
  };

  it('commits one verified index from the shared folder', async () => {
    const { uri, run } = await buildMerged('merge');
    expect(run.result.workflow).toBe('merge');
    expect(run.result.segmentUuids).toHaveLength(1);
    expect(run.result.verification).toMatchObject({ ok: true, segments: 1, coveredFragments: base.fragments });
    const ds = await describeJson(['--uri', uri]);
    expect(ds.indices.map((i) => [i.name, i.type, i.segments.length])).toEqual([['review_idx', 'Inverted', 1]]);
    expect(ds.indices[0].segments[0].uuid).toBe(run.result.segmentUuids![0]);
  });

  it('answers full-text queries exactly like the segments workflow, and like a full scan', async () => {
    // Both builds here: the test above may not have run.
    const { uri: mergeUri } = await buildMerged('merge-compared');
    const segmentsUri = await copyDataset(base.uri, root, 'segments');
    const seg = await buildJson(['--uri', segmentsUri, '--column', 'review', '--type', 'FTS', '--workers', '2']);
    expect(seg.code).toBe(0);
    const [merged, segmented] = [await ftsAnswers(mergeUri), await ftsAnswers(segmentsUri)];
    for (const [i, probe] of FTS_PROBES.entries()) {
      expect(merged[i].usesIndex, merged[i].plan).toBe(true);
      expect(merged[i].fullScanIds.length, `rows with '${probe.fullText}'`).toBeGreaterThan(0);
      expect(merged[i].ids, `merge workflow, '${probe.fullText}'`).toEqual(merged[i].fullScanIds);
      expect(merged[i].ids, `'${probe.fullText}': merge vs segments`).toEqual(segmented[i].ids);
    }
  });

  it('is refused for BTREE with exit 2, naming the type and the workflow to use', async () => {
    const uri = await copyDataset(base.uri, root, 'merge-btree');
    const before = await fileSnapshot(uri);
    const run = await runCli(['build', '--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--workflow', 'merge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The merge workflow exists only for INVERTED/FTS');
    expect(run.stderr).toContain('BTREE is built with --workflow segments');
    expect(await fileSnapshot(uri)).toEqual(before);
  });
});

describe('--workflow segments', () => {
  it('BTREE without a flag commits one segment per batch (its default), disjoint and covering every fragment', async () => {
    const uri = await copyDataset(base.uri, root, 'btree-default');
    const run = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--workflow', 'segments']);
    expect(run.code).toBe(0);
    expect(run.result.batches).toHaveLength(2);
    expect(run.result.segmentUuids).toHaveLength(2);
    expect(run.result.verification).toMatchObject({ ok: true, segments: 2 });
    const [index] = (await describeJson(['--uri', uri])).indices;
    expect(index.segments.map((s) => s.uuid).sort()).toEqual([...run.result.segmentUuids!].sort());
    // Each batch's fragments became exactly one segment's.
    const batchSets = run.result.batches.map((b) => [...b.fragmentIds].sort((a, c) => a - c).join(',')).sort();
    expect(index.segments.map((s) => s.fragmentIds.join(',')).sort()).toEqual(batchSets);
    expect(index.fragmentIds).toEqual(base.fragments);
    expect(await indexDirs(uri)).toEqual([...run.result.segmentUuids!].sort());
  });

  it('--merge-segments merges the batches into one segment and removes the per-batch folders', async () => {
    const uri = await copyDataset(base.uri, root, 'merged');
    const run = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--merge-segments']);
    expect(run.code).toBe(0);
    expect(run.result.workflow).toBe('segments');
    expect(run.result.batches).toHaveLength(2);
    expect(run.result.segmentUuids).toHaveLength(1);
    expect(run.result.verification).toMatchObject({ ok: true, segments: 1, coveredFragments: base.fragments });
    const [index] = (await describeJson(['--uri', uri])).indices;
    expect(index.segments).toHaveLength(1);
    expect(index.segments[0].fragmentIds).toEqual(base.fragments);
    expect(await indexDirs(uri)).toEqual(run.result.segmentUuids);
  });

  it('FTS without a flag merges its batches into one segment (its default: faster queries)', async () => {
    const uri = await copyDataset(base.uri, root, 'fts-default');
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.batches).toHaveLength(2);
    expect(run.result.segmentUuids).toHaveLength(1);
    expect(run.result.verification).toMatchObject({ ok: true, segments: 1, coveredFragments: base.fragments });
    expect(await indexDirs(uri)).toEqual(run.result.segmentUuids);
  });

  it('--no-merge-segments commits FTS as one segment per batch', async () => {
    const uri = await copyDataset(base.uri, root, 'fts-no-merge');
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', '--no-merge-segments']);
    expect(run.code).toBe(0);
    expect(run.result.segmentUuids).toHaveLength(2);
    expect(run.result.verification).toMatchObject({ ok: true, segments: 2, coveredFragments: base.fragments });
    expect(await indexDirs(uri)).toEqual([...run.result.segmentUuids!].sort());
  });
});
