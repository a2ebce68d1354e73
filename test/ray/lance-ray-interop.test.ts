/**
 * Indices built by lance-ray (0.5.0, the library this app's flow comes from) on the same cluster:
 * the app lists them, queries use them, and a build through the app replaces them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildOk, describeJson } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { runProbe, withLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';
import { runJobToEnd } from './jobs.js';
import { rayFlags, useRayCluster } from './support.js';

const ray = useRayCluster();
let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('lance-ray');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
});
afterAll(() => removeDir(root));

const CASES = [
  {
    type: 'BTREE',
    column: 'id',
    lanceName: 'BTree',
    probe: { column: 'id', where: 'id >= 100 AND id < 180', matches: (v: unknown) => Number(v) >= 100 && Number(v) < 180 },
  },
  {
    type: 'INVERTED',
    column: 'review',
    lanceName: 'Inverted',
    probe: { column: 'review', fullText: RARE_TOKEN, matches: (v: unknown) => String(v).split(' ').includes(RARE_TOKEN) },
  },
] as const satisfies ReadonlyArray<{ type: string; column: string; lanceName: string; probe: Probe }>;

describe('an index built by lance-ray', () => {
  it.each(CASES)('$type: listed by the app, used by queries, replaced by an app build', async ({ type, column, lanceName, probe }) => {
    const uri = await copyDataset(base.uri, root, `lance-ray-${type}`);
    const name = `${column}_idx`;
    // lance-ray's own entry point, run as a Ray job on the cluster like its users run it.
    const script = [
      'import ray, lance_ray',
      'ray.init()',
      `lance_ray.create_scalar_index(${JSON.stringify(uri)}, column=${JSON.stringify(column)}, index_type=${JSON.stringify(type)}, name=${JSON.stringify(name)}, num_workers=2)`,
    ].join('; ');
    const job = await runJobToEnd(ray.cluster().client, `python -c '${script}'`);
    expect(job.status, job.logs).toBe('SUCCEEDED');

    const before = await describeJson(['--uri', uri]);
    const theirs = before.indices.find((i) => i.name === name);
    expect(theirs?.type).toBe(lanceName);
    expect(theirs?.fragmentIds.slice().sort((a, b) => a - b)).toEqual(base.fragments);
    const theirSegments = theirs!.segments.map((s) => s.uuid);
    const viaTheirs = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(viaTheirs.usesIndex).toBe(true);
    expect(viaTheirs.ids).toEqual(viaTheirs.fullScanIds);

    const run = await buildOk(['--uri', uri, '--column', column, '--type', type, '--workers', '2', ...rayFlags(ray.cluster())]);
    expect(run.result.verification?.ok).toBe(true);
    const after = await describeJson(['--uri', uri]);
    const ours = after.indices.filter((i) => i.name === name);
    expect(ours).toHaveLength(1);
    expect(ours[0].segments.map((s) => s.uuid).some((u) => theirSegments.includes(u))).toBe(false);
    expect(ours[0].fragmentIds.slice().sort((a, b) => a - b)).toEqual(base.fragments);
    const viaOurs = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(viaOurs.ids).toEqual(viaTheirs.ids);
  });
});
