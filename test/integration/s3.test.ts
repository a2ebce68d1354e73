/** A dataset on a local S3-compatible server (moto, started here on 127.0.0.1 and a free port). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { startMoto, storageFlags, type MotoServer } from '../helpers/moto-server.js';
import { writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';

const BUCKET = 'lance-index-test';
const FRAGMENTS = [400, 250, 300, 150];
let moto: MotoServer;
const uriOf = (name: string) => `s3://${BUCKET}/${name}.lance`;
const target = (name: string) => ['--uri', uriOf(name), ...storageFlags(moto.storageOptions)];
const indexFolders = async (name: string) =>
  [...new Set((await moto.listKeys(BUCKET, `${name}.lance/_indices/`)).map((k) => k.split('/')[2]).filter(Boolean))].sort();
/** Each test writes its own dataset in the bucket, so none sees another's indices or versions. */
const write = (name: string): Promise<WrittenDataset> => writePylanceDataset({ uri: uriOf(name), storageOptions: moto.storageOptions, fragments: FRAGMENTS });

beforeAll(async () => {
  moto = await startMoto();
  await moto.createBucket(BUCKET);
});
afterAll(() => moto?.stop());

describe('s3:// dataset with --storage-option', () => {
  it('pylance wrote the dataset into the bucket', async () => {
    const written = await write('written');
    expect(written.fragments).toEqual([0, 1, 2, 3]);
    expect((await moto.listKeys(BUCKET, 'written.lance/_versions/')).length).toBeGreaterThan(0);
  });

  it('builds a BTREE with 2 workers and --merge-segments, verifies it, and leaves only the merged segment in the bucket', async () => {
    const written = await write('btree');
    const run = await buildJson([...target('btree'), '--column', 'id', '--type', 'BTREE', '--workers', '2', '--merge-segments']);
    expect(run.code).toBe(0);
    expect(run.result.uri).toBe(uriOf('btree'));
    expect(run.result.batches).toHaveLength(2);
    expect(run.result.verification).toMatchObject({ ok: true, type: 'BTree', segments: 1, coveredFragments: written.fragments });
    expect(run.result.verification?.query?.usesIndex).toBe(true);
    // The per-batch segments were merged; their folders are removed from the object store too.
    expect(await indexFolders('btree')).toEqual(run.result.segmentUuids);
  });

  it('builds an FTS index with the merge workflow', async () => {
    const written = await write('fts');
    const run = await buildJson([...target('fts'), '--column', 'review', '--type', 'FTS', '--workers', '2', '--workflow', 'merge']);
    expect(run.code).toBe(0);
    expect(run.result.verification).toMatchObject({ ok: true, type: 'Inverted', coveredFragments: written.fragments });
    const ds = await describeJson(target('fts'));
    expect(ds.indices.map((i) => i.name)).toEqual(['review_idx']);
    expect(ds.version).toBe(written.version + 1);
    // Only the committed index's folder: the merge workflow's scratch folder is gone too.
    expect(await indexFolders('fts')).toEqual(ds.indices.flatMap((i) => i.segments.map((s) => s.uuid)).sort());
  });

  it('a path with no dataset in the bucket exits 2 naming the uri', async () => {
    const missing = `s3://${BUCKET}/nothing-here.lance`;
    const run = await runCli(['build', '--uri', missing, ...storageFlags(moto.storageOptions), '--column', 'id', '--type', 'BTREE']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`No Lance dataset at '${missing}'`);
    expect(await moto.listKeys(BUCKET, 'nothing-here.lance/')).toEqual([]);
  });
});
