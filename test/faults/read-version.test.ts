/**
 * Every batch reads the version the plan was made from: rows appended between planning and the
 * batches change nothing the batches index, and the result says which fragments were indexed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { FIXTURES, PYTHON } from '../helpers/paths.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { describeJson } from '../helpers/cli.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';
import { build } from './support.js';

let root: string;
let base: WrittenDataset;
const engine = new LocalEngine();

beforeAll(async () => {
  root = await makeTempDir('read-version');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
});
afterAll(async () => {
  await engine.close();
  await removeDir(root);
});

/** Another writer appends two fragments, and is done before the build goes on (it waits for it). */
function appendNow(uri: string): number[] {
  const r = spawnSync(PYTHON, [join(FIXTURES, 'write_dataset.py'), JSON.stringify({ uri, fragments: [300, 200], append_from: 100_000 })], {
    encoding: 'utf8',
    env: { ...process.env, LANCE_LOG: 'error' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as WrittenDataset).fragments;
}

describe('the version a build reads', () => {
  it('rows appended after the plan are not indexed by its batches; the result lists what was', async () => {
    const uri = await copyDataset(base.uri, root, 'append');
    let all: number[] = [];
    const { result } = await build(engine, { target: { uri, storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 2 }, (e) => {
      if (e.type === 'plan') all = appendNow(uri);
    });
    const appended = all.filter((id) => !base.fragments.includes(id));
    expect(appended).toHaveLength(2);
    expect(result.ok).toBe(true);
    expect(result.readVersion).toBe(base.version);
    expect(result.fragmentIds?.slice().sort((a, b) => a - b)).toEqual(base.fragments);
    expect(result.indexedFragmentIds).toEqual(base.fragments);
    expect(result.verification?.unindexedFragments?.slice().sort((a, b) => a - b)).toEqual(appended);

    const index = (await describeJson(['--uri', uri])).indices.find((i) => i.name === 'id_idx')!;
    expect(index.fragmentIds.slice().sort((a, b) => a - b)).toEqual(base.fragments);
    // Built from the version that was read, not the appended one.
    for (const s of index.segments) expect(s.datasetVersion).toBe(base.version);
  });
});
