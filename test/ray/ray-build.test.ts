/**
 * Builds through a real Ray cluster on 127.0.0.1 (a head and a worker node): the CLI with
 * `--engine ray`, checked the way local builds are (coverage, the index used, answers equal a
 * full scan), and against a local build of the same dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { buildJson, buildOk, describeJson, runCli } from '../helpers/cli.js';
import { runFixture } from '../helpers/python.js';
import { PYTHON, REPO } from '../helpers/paths.js';
import { pinnedPylance } from '@engine/pins.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { runProbe, withLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';
import { rayFlags, useRayCluster } from './support.js';

const ray = useRayCluster();
let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('ray-build');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS, deleteWhere: 'id % 50 = 7' });
});
afterAll(() => removeDir(root));

const PROBES: Record<'BTREE' | 'FTS', Probe> = {
  BTREE: { column: 'id', where: 'id >= 100 AND id < 180', matches: (v) => Number(v) >= 100 && Number(v) < 180 },
  FTS: { column: 'review', fullText: RARE_TOKEN, matches: (v) => String(v).split(' ').includes(RARE_TOKEN) },
};

describe('a build on the Ray cluster', () => {
  it.each(['BTREE', 'FTS'] as const)('%s: committed, verified, answers equal a full scan, every batch on a cluster node', async (type) => {
    const probe = PROBES[type];
    const uri = await copyDataset(base.uri, root, `ray-${type}`);
    const run = await buildOk(['--uri', uri, '--column', probe.column, '--type', type, '--workers', '3', ...rayFlags(ray.cluster())]);
    const { result } = run;

    expect(result.engine).toMatchObject({ kind: 'ray', address: ray.cluster().address });
    expect(result.verification?.ok).toBe(true);
    expect(result.verification?.coveredFragments).toEqual(base.fragments);
    expect(result.verification?.query?.usesIndex).toBe(true);
    expect(result.plan?.workers).toHaveLength(3);

    // Each batch ran as a Ray task on a node the cluster reports, in a process of that node.
    const alive = new Set((await ray.cluster().aliveNodes()).map((n) => n.node_id));
    const started = run.events.filter((e): e is Extract<BuildEvent, { type: 'batch-started' }> => e.type === 'batch-started');
    expect(started.map((e) => e.batch).sort()).toEqual([0, 1, 2]);
    for (const e of started) {
      expect(alive.has(e.node!.id)).toBe(true);
      expect(e.node!.ip).toBe('127.0.0.1');
      expect(e.pid).toBeGreaterThan(0);
    }
    for (const b of result.batches) expect(alive.has(b.node!.id)).toBe(true);
    expect(run.events.some((e) => e.type === 'engine' && e.engine.kind === 'ray' && e.engine.submissionId?.startsWith('lance-index-build-'))).toBe(true);

    const outcome = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(outcome.usesIndex).toBe(true);
    expect(outcome.ids.length).toBeGreaterThan(0);
    expect(outcome.ids).toEqual(outcome.fullScanIds);
  });

  it('equals a local build of the same dataset: same coverage, same answers', async () => {
    const onRay = await copyDataset(base.uri, root, 'same-ray');
    const here = await copyDataset(base.uri, root, 'same-local');
    const args = ['--column', 'review', '--type', 'FTS', '--workers', '2'];
    const r = await buildOk(['--uri', onRay, ...args, ...rayFlags(ray.cluster())]);
    const l = await buildOk(['--uri', here, ...args]);
    expect(r.result.verification?.coveredFragments).toEqual(l.result.verification?.coveredFragments);
    expect(r.result.verification?.rowsIndexed).toEqual(l.result.verification?.rowsIndexed);
    for (const word of [RARE_TOKEN, 'battery', 'kitchen']) {
      const probe: Probe = { column: 'review', fullText: word, matches: () => true };
      const a = await withLancedbTable(onRay, (t) => runProbe(t, probe));
      const b = await withLancedbTable(here, (t) => runProbe(t, probe));
      expect(a.ids).toEqual(b.ids);
    }
  });

  it('commits and verifies on the cluster when this machine has no engine of its own', async () => {
    const uri = await copyDataset(base.uri, root, 'no-local');
    // No Python here at all: describe, commit and verify must all run as jobs on the cluster.
    const run = await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', ...rayFlags(ray.cluster())], {
      env: { LANCE_INDEX_PYTHON: join(root, 'no-such-python') },
    });
    expect(run.events.some((e) => e.type === 'log' && /run as short jobs on the cluster: this machine can't open/.test(e.message))).toBe(true);
    expect(run.result.verification?.ok).toBe(true);
    const outcome = await withLancedbTable(uri, (t) => runProbe(t, PROBES.BTREE));
    expect(outcome.ids).toEqual(outcome.fullScanIds);
  });
});

describe('a vector index on the Ray cluster', () => {
  it('IVF_PQ with no engine on this machine: trained once in a cluster job, every batch on a cluster node with that model, one index, recall reported', async () => {
    const uri = join(root, 'vectors', 'vectors.lance');
    await runFixture('write_vectors.py', [JSON.stringify({ uri, fragments: [3000, 1200, 4000, 800], dimension: 32 })]);
    const params = ['--param', 'num_partitions=8', '--param', 'num_sub_vectors=8'];
    const run = await buildOk(['--uri', uri, '--column', 'vec', '--type', 'IVF_PQ', '--workers', '2', ...params, ...rayFlags(ray.cluster())], {
      env: { LANCE_INDEX_PYTHON: join(root, 'no-such-python') },
      timeoutMs: 240_000,
    });
    const of = <T extends BuildEvent['type']>(type: T) => run.events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);

    // No Python here: the training ran as a job on the cluster, once, before any batch started.
    expect(run.events.some((e) => e.type === 'log' && /run as short jobs on the cluster/.test(e.message))).toBe(true);
    const train = of('phase').filter((e) => e.phase === 'train');
    expect(train.map((e) => e.state)).toEqual(['started', 'done']);
    expect(run.events.findIndex((e) => e.type === 'batch-started')).toBeGreaterThan(run.events.indexOf(train[1]!));
    const models = of('model');
    expect(models).toHaveLength(1);
    expect(models[0]!.model).toMatchObject({ indexType: 'IVF_PQ', numPartitions: 8, numSubVectors: 8, dimension: 32, reused: false });

    // Each batch ran as a Ray task on a cluster node and built with that one model.
    const alive = new Set((await ray.cluster().aliveNodes()).map((n) => n.node_id));
    const done = of('batch-done');
    expect(done).toHaveLength(2);
    for (const e of of('batch-started')) expect(alive.has(e.node!.id)).toBe(true);
    expect(done.map((e) => e.modelId)).toEqual([models[0]!.model.modelId, models[0]!.model.modelId]);

    const v = run.result.verification!;
    expect(v.ok).toBe(true);
    expect(v.query?.usesIndex).toBe(true);
    expect(v.recall?.queries).toBeGreaterThan(0);
    const ds = await describeJson(['--uri', uri]);
    expect(ds.indices.map((i) => [i.name, i.type])).toEqual([['vec_idx', 'IVF_PQ']]);
    expect([...ds.indices[0]!.fragmentIds].sort((a, b) => a - b)).toEqual(ds.fragments.map((f) => f.id));
  });
});

describe('refused before anything runs', () => {
  it('a dataset the cluster cannot open: exit 2, says so, no build job submitted', async () => {
    const missing = join(root, 'nowhere', 'missing.lance');
    const jobsBefore = (await ray.cluster().client.jobs()).filter((j) => j.submission_id.startsWith('lance-index-build-')).length;
    const run = await buildJson(['--uri', missing, '--column', 'id', '--type', 'BTREE', ...rayFlags(ray.cluster())]);
    expect(run.code).toBe(2);
    expect(run.result.error?.message).toMatch(/^The Ray cluster can't open the dataset: No Lance dataset at '.*missing\.lance'/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const jobsAfter = (await ray.cluster().client.jobs()).filter((j) => j.submission_id.startsWith('lance-index-build-')).length;
    expect(jobsAfter).toBe(jobsBefore);
  });

  it.each([
    ['a wrong token', (a: string) => ['--ray-address', a, '--ray-token', 'not-the-token'], /refused the token/],
    ['no token', (a: string) => ['--ray-address', a], /requires a token/],
    [
      'nothing listening at the address',
      () => ['--ray-address', 'http://127.0.0.1:9'],
      /Can't reach the Ray dashboard at http:\/\/127\.0\.0\.1:9: nothing is listening there/,
    ],
    ['a ray:// address', () => ['--ray-address', 'ray://127.0.0.1:10001'], /uses ray:; give the dashboard's http\(s\) address/],
  ])('%s: exit 2 with a message that says what to fix, dataset untouched', async (_label, flags, message) => {
    const uri = await copyDataset(base.uri, root, 'refused');
    const before = await fileSnapshot(uri);
    const run = await runCli(['build', '--uri', uri, '--column', 'id', '--type', 'BTREE', '--engine', 'ray', ...flags(ray.cluster().address)], 90_000, {
      RAY_AUTH_TOKEN: '',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await fileSnapshot(uri)).toEqual(before);
  });
});

describe("the cluster's Python", () => {
  it('another pylance than the engine is built for is refused before anything runs, saying how to fix it', async () => {
    // This app's engine, as it would be after an update that moved the pin: the cluster still has 10.0.0.
    const app = join(root, 'updated-app');
    await cp(join(REPO, 'engine'), join(app, 'engine'), { recursive: true });
    const req = join(app, 'engine', 'python', 'requirements.txt');
    await writeFile(req, (await readFile(req, 'utf8')).replace(/^pylance==.*$/m, 'pylance==11.0.0'));
    const uri = await copyDataset(base.uri, root, 'pin');
    const before = await fileSnapshot(uri);
    const run = await buildJson(['--uri', uri, '--column', 'id', '--type', 'BTREE', ...rayFlags(ray.cluster())], {
      env: { LANCE_INDEX_ROOT: app, LANCE_INDEX_PYTHON: PYTHON },
    });
    expect(run.code).toBe(1);
    expect(run.result.error?.message).toMatch(
      new RegExp(
        `runs pylance ${pinnedPylance().replaceAll('.', '\\.')}, but this engine is built for pylance 11\\.0\\.0\\. Install it on every node of the cluster \\(pip install 'pylance==11\\.0\\.0'\\), or .*--ray-pip`,
      ),
    );
    expect(run.events.some((e) => e.type === 'engine' && e.engine.kind === 'ray' && e.engine.submissionId)).toBe(false);
    expect(await fileSnapshot(uri)).toEqual(before);
  });
});

describe('lance-index cluster', () => {
  it('--json: the version, both nodes alive with their CPUs, and the jobs', async () => {
    const run = await runCli(['cluster', '--ray-address', ray.cluster().address, '--ray-token', ray.cluster().token, '--json']);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(status.rayVersion).toBe('2.60.0');
    const alive = status.nodes.filter((n: { alive: boolean }) => n.alive);
    expect(alive.map((n: { head: boolean; cpus: number }) => [n.head, n.cpus]).sort()).toEqual([
      [false, 1],
      [true, 2],
    ]);
    expect(Array.isArray(status.jobs)).toBe(true);
  });

  it('as text: one line per node, and what runs', async () => {
    const run = await runCli(['cluster', '--ray-address', ray.cluster().address], 90_000, { RAY_AUTH_TOKEN: ray.cluster().token });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Ray 2\.60\.0 at http:\/\/127\.0\.0\.1:\d+: 2 alive nodes \(0 dead\), 3 CPUs/);
    expect(run.stdout.match(/127\.0\.0\.1\s+alive/g)).toHaveLength(2);
  });
});
