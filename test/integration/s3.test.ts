/** A dataset on a local S3-compatible server (moto, started here on 127.0.0.1 and a free port). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { startMoto, storageFlags, type MotoServer } from '../helpers/moto-server.js';
import { writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';

const BUCKET = 'lance-index-test';
const URI = `s3://${BUCKET}/reviews.lance`;
let moto: MotoServer;
let written: WrittenDataset;
const target = () => ['--uri', URI, ...storageFlags(moto.storageOptions)];
const indexFolders = async () =>
  [...new Set((await moto.listKeys(BUCKET, 'reviews.lance/_indices/')).map((k) => k.split('/')[2]).filter(Boolean))].sort();

beforeAll(async () => {
  moto = await startMoto();
  await moto.createBucket(BUCKET);
  written = await writePylanceDataset({ uri: URI, storageOptions: moto.storageOptions, fragments: [400, 250, 300, 150] });
});
afterAll(() => moto?.stop());

describe('s3:// dataset with --storage-option', () => {
  it('pylance wrote the dataset into the bucket', async () => {
    expect(written.fragments).toEqual([0, 1, 2, 3]);
    expect((await moto.listKeys(BUCKET, 'reviews.lance/_versions/')).length).toBeGreaterThan(0);
  });

  it('builds a BTREE with 2 workers, verifies it, and leaves only the merged segment in the bucket', async () => {
    const run = await buildJson([...target(), '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.uri).toBe(URI);
    expect(run.result.batches).toHaveLength(2);
    expect(run.result.verification).toMatchObject({ ok: true, type: 'BTree', segments: 1, coveredFragments: written.fragments });
    expect(run.result.verification?.query?.usesIndex).toBe(true);
    // The per-batch segments were merged; their folders are removed from the object store too.
    expect(await indexFolders()).toEqual(run.result.segmentUuids);
  });

  it('builds an FTS index with the merge workflow', async () => {
    const run = await buildJson([...target(), '--column', 'review', '--type', 'FTS', '--workers', '2', '--workflow', 'merge']);
    expect(run.code).toBe(0);
    expect(run.result.verification).toMatchObject({ ok: true, type: 'Inverted', coveredFragments: written.fragments });
    const ds = await describeJson(target());
    expect(ds.indices.map((i) => i.name).sort()).toEqual(['id_idx', 'review_idx']);
    expect(ds.version).toBe(written.version + 2);
    // Only the two committed indices' folders: the merge workflow's scratch folder is gone too.
    expect(await indexFolders()).toEqual(ds.indices.flatMap((i) => i.segments.map((s) => s.uuid)).sort());
  });

  it('a path with no dataset in the bucket exits 2 naming the uri', async () => {
    const missing = `s3://${BUCKET}/nothing-here.lance`;
    const run = await runCli(['build', '--uri', missing, ...storageFlags(moto.storageOptions), '--column', 'id', '--type', 'BTREE']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`No Lance dataset at '${missing}'`);
    expect(await moto.listKeys(BUCKET, 'nothing-here.lance/')).toEqual([]);
  });
});
