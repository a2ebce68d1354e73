/**
 * Removal never takes a folder a version references: a build's own discard re-reads the versions
 * before deleting, and orphan cleanup stops (removing nothing) when a version can't be read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { buildOk, describeJson, runCli } from '../helpers/cli.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let base: WrittenDataset;
const engine = new LocalEngine();

beforeAll(async () => {
  root = await makeTempDir('safe-cleanup');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
});
afterAll(async () => {
  await engine.close();
  await removeDir(root);
});

describe('removing index folders', () => {
  it('discard keeps a folder that a version references, and says so', async () => {
    const uri = await copyDataset(base.uri, root, 'discard');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--no-merge-segments']);
    const committed = (await describeJson(['--uri', uri])).indices.find((i) => i.name === 'id_idx')!.segments.map((s) => s.uuid);
    const stray = '0f0f0f0f-1111-4222-8333-444444444444';
    mkdirSync(join(uri, '_indices', stray));
    writeFileSync(join(uri, '_indices', stray, 'part.lance'), 'x');

    const r = await engine.discard({ uri, storageOptions: {} }, [...committed, stray], base.version);
    expect(r.keptReferenced.sort()).toEqual(committed.slice().sort());
    expect(r.removed).toEqual([stray]);
    expect(readdirSync(join(uri, '_indices')).sort()).toEqual(committed.slice().sort());
  });

  it('orphan cleanup with a version it cannot read removes nothing and says why', async () => {
    const uri = await copyDataset(base.uri, root, 'unreadable');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    const orphan = '0e0e0e0e-1111-4222-8333-444444444444';
    mkdirSync(join(uri, '_indices', orphan));
    writeFileSync(join(uri, '_indices', orphan, 'part.lance'), 'x');
    // Damage the oldest manifest: the latest still opens, one version can't be read.
    const manifests = readdirSync(join(uri, '_versions')).filter((f) => f.endsWith('.manifest'));
    const oldest = manifests.reduce((a, b) => (versionOf(a) < versionOf(b) ? a : b));
    writeFileSync(join(uri, '_versions', oldest), 'garbage');
    const before = readdirSync(join(uri, '_indices')).sort();

    for (const dry of [[], ['--dry-run']]) {
      const run = await runCli(['cleanup', '--uri', uri, ...dry]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /can't all be read \(.*corrupt file .*\.manifest.*\), so which index folders they reference is unknown; nothing was removed\./,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(join(uri, '_indices')).sort()).toEqual(before);
  });
});

/** Lance names manifests by version, or (newer datasets) by 2^64-1 minus the version so the latest sorts first. */
function versionOf(manifest: string): bigint {
  const n = BigInt(manifest.replace('.manifest', ''));
  return n > 2n ** 63n ? 2n ** 64n - 1n - n : n;
}
