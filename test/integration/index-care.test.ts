/**
 * Looking after indices (CLI and the window's API, real engine): statistics that suggest a type,
 * rename (same folders, new name, still used), drop, orphan cleanup, an older version read-only,
 * and what each version did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioService } from '@core/studio-service.js';
import { buildOk, describeJson, runCli } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { runProbe, withLancedbTable } from '../helpers/lancedb-table.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let base: WrittenDataset;
let service: StudioService;

beforeAll(async () => {
  root = await makeTempDir('index-care');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
  service = new StudioService({ stateDir: join(root, 'state'), lancedbCheck: false });
});
afterAll(async () => {
  await service?.close();
  await removeDir(root);
});

describe('lance-index stats', () => {
  it.each([
    ['review', 'FTS', /free text/],
    ['category', 'BITMAP', /few distinct values \(5\)/],
    ['id', 'BTREE', /many distinct values/],
    ['tags', 'LABEL_LIST', /lists \(5 distinct items\)/],
  ])('%s: suggests %s', async (column, type, why) => {
    const run = await runCli(['stats', '--uri', base.uri, '--column', column, '--json']);
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout);
    expect(s.rowsRead).toBe(base.rows);
    expect(s.nulls).toBe(0);
    expect(s.suggestion.type).toBe(type);
    expect(s.suggestion.why).toMatch(why);
  });

  it('an unknown column: exit 2 naming it and the columns there are', async () => {
    const run = await runCli(['stats', '--uri', base.uri, '--column', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Column 'nope' does not exist; the dataset has id, rating/);
  });
});

describe('rename and drop', () => {
  it('rename: the same folders under the new name, still used by queries; the old name is gone', async () => {
    const uri = await copyDataset(base.uri, root, 'rename');
    await buildOk(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2']);
    const folders = readdirSync(join(uri, '_indices')).sort();
    const run = await runCli(['rename-index', '--uri', uri, '--name', 'review_idx', '--to', 'review_fts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Renamed index 'review_idx' to 'review_fts': version \d+ -> \d+\./);
    const d = await describeJson(['--uri', uri]);
    expect(d.indices.map((i) => i.name)).toEqual(['review_fts']);
    expect(readdirSync(join(uri, '_indices')).sort()).toEqual(folders);
    const probe = { column: 'review', fullText: RARE_TOKEN, matches: (v: unknown) => String(v).split(' ').includes(RARE_TOKEN) };
    const answer = await withLancedbTable(uri, (t) => runProbe(t, probe));
    expect(answer.usesIndex).toBe(true);
    expect(answer.ids).toEqual(answer.fullScanIds);
  });

  it.each([
    ['a name that does not exist', ['--name', 'nope', '--to', 'x'], /No index named 'nope' at version \d+; it has id_idx\./],
    ['onto a name that exists', ['--name', 'id_idx', '--to', 'id_idx'], /An index named 'id_idx' already exists/],
    ['a name with a slash', ['--name', 'id_idx', '--to', 'a/b'], /New name 'a\/b' is not allowed/],
  ])('rename %s: exit 2 with a message, nothing changed', async (_label, args, message) => {
    const uri = await copyDataset(base.uri, root, 'rename-bad');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    const before = await fileSnapshot(uri);
    const run = await runCli(['rename-index', '--uri', uri, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(await fileSnapshot(uri)).toEqual(before);
  });

  it('drop: the index is gone from the latest version; its folders stay (older versions use them)', async () => {
    const uri = await copyDataset(base.uri, root, 'drop');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    const folders = readdirSync(join(uri, '_indices')).sort();
    const run = await runCli(['drop-index', '--uri', uri, '--name', 'id_idx']);
    expect(run.code).toBe(0);
    expect((await describeJson(['--uri', uri])).indices).toEqual([]);
    expect(readdirSync(join(uri, '_indices')).sort()).toEqual(folders);
  });
});

describe("the window's API", () => {
  it('finds and removes an orphan folder, keeping every folder a version references', async () => {
    const uri = await copyDataset(base.uri, root, 'orphans');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    const referenced = readdirSync(join(uri, '_indices')).sort();
    const orphan = '0d0d0d0d-1111-4222-8333-444444444444';
    mkdirSync(join(uri, '_indices', orphan));
    writeFileSync(join(uri, '_indices', orphan, 'part.lance'), 'x');
    const target = { uri, storageOptions: {} };
    const found = await service.handlers.findOrphans({ target });
    expect(found.orphans.map((o) => o.uuid)).toEqual([orphan]);
    const r = await service.handlers.removeOrphans({ target, uuids: [orphan, ...referenced] });
    expect(r.removed).toEqual([orphan]);
    expect(r.keptReferenced.sort()).toEqual(referenced);
    expect(readdirSync(join(uri, '_indices')).sort()).toEqual(referenced);
  });

  it('describes an older version read-only, and says what each version did', async () => {
    const uri = await copyDataset(base.uri, root, 'versions');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
    const target = { uri, storageOptions: {} };
    const latest = await service.handlers.describeDataset({ target, withVersions: true });
    expect(latest.indices.map((i) => i.name)).toEqual(['id_idx']);
    expect(latest.versions?.at(-1)?.operation).toBe('CreateIndex id_idx');
    expect(latest.versions?.[0]?.operation).toMatch(/^(Overwrite|Append) \d+ fragments?$/);
    const old = await service.handlers.describeDataset({ target, withVersions: false, version: base.version });
    expect(old.version).toBe(base.version);
    expect(old.latestVersion).toBe(latest.version);
    expect(old.indices).toEqual([]);
  });
});
