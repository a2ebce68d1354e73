/**
 * The "Done when": a dataset made by anyone with pylance or with @lancedb/lancedb (not
 * our `sample`) gets BTREE, FTS and BITMAP indices built with 2 workers and committed, and the
 * pinned @lancedb/lancedb lists them, plans its queries through them, and answers like a full scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildJson } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset } from '../helpers/pylance-dataset.js';
import { LANCEDB_RARE_TOKEN, runProbe, withLancedbTable, writeLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

interface Origin {
  label: string;
  write(root: string): Promise<string>;
  builds: Array<{ type: 'BTREE' | 'FTS' | 'BITMAP'; lancedbType: string; probe: Probe }>;
}

const ORIGINS: Origin[] = [
  {
    label: 'a dataset written by pylance',
    write: async (root) =>
      (await writePylanceDataset({ uri: join(root, 'pylance', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS, deleteWhere: 'id % 50 = 7' })).uri,
    builds: [
      { type: 'BTREE', lancedbType: 'BTree', probe: { column: 'id', where: 'id = 1234', matches: (v) => Number(v) === 1234 } },
      { type: 'FTS', lancedbType: 'FTS', probe: { column: 'review', fullText: RARE_TOKEN, matches: (v) => String(v).split(' ').includes(RARE_TOKEN) } },
      { type: 'BITMAP', lancedbType: 'Bitmap', probe: { column: 'category', where: "category = 'toys'", matches: (v) => v === 'toys' } },
    ],
  },
  {
    label: 'a table written by @lancedb/lancedb',
    write: (root) => writeLancedbTable(join(root, 'lancedb'), 'items', [500, 300, 400, 200, 350, 250]),
    builds: [
      { type: 'BTREE', lancedbType: 'BTree', probe: { column: 'id', where: 'id >= 990 AND id < 1010', matches: (v) => Number(v) >= 990 && Number(v) < 1010 } },
      {
        type: 'FTS',
        lancedbType: 'FTS',
        probe: { column: 'title', fullText: LANCEDB_RARE_TOKEN, matches: (v) => String(v).split(' ').includes(LANCEDB_RARE_TOKEN) },
      },
      { type: 'BITMAP', lancedbType: 'Bitmap', probe: { column: 'category', where: "category = 'kids'", matches: (v) => v === 'kids' } },
    ],
  },
];

let root: string;
beforeAll(async () => {
  root = await makeTempDir('lancedb-compat');
});
afterAll(() => removeDir(root));

describe.each(ORIGINS)('$label', (origin) => {
  let written: string;
  beforeAll(async () => {
    written = await origin.write(root);
  });

  /** Builds on a fresh copy, so each test has exactly the indices it made. */
  async function built(label: string, builds: Origin['builds']): Promise<string> {
    const uri = await copyDataset(written, root, label);
    for (const { type, probe } of builds) {
      const run = await buildJson(['--uri', uri, '--column', probe.column, '--type', type, '--workers', '2']);
      expect(run.code).toBe(0);
      expect(run.result.fragmentIds).toHaveLength(6);
      expect(run.result.batches.map((b) => b.worker).sort()).toEqual([0, 1]);
      expect(run.result.verification).toMatchObject({ ok: true, listed: true, lancedb: { checked: true, listed: true, usesIndex: true } });
    }
    return uri;
  }

  it.each(origin.builds)('builds $type with 2 workers; lancedb plans through it and answers like a full scan', async (build) => {
    const uri = await built(build.type.toLowerCase(), [build]);
    const { probe } = build;
    const outcome = await withLancedbTable(uri, (table) => runProbe(table, probe));
    expect(outcome.plan).toMatch(probe.fullText !== undefined ? /MatchQuery/ : /ScalarIndexQuery/);
    expect(outcome.usesIndex, outcome.plan).toBe(true);
    expect(outcome.plan).toContain(probe.fullText !== undefined ? `column=${probe.column}` : `@${probe.column}_idx`);
    expect(outcome.fullScanIds.length).toBeGreaterThan(0);
    expect(outcome.ids).toEqual(outcome.fullScanIds);
  });

  it('@lancedb/lancedb lists all three indices, each covering every row', async () => {
    const uri = await built('all-three', origin.builds);
    await withLancedbTable(uri, async (table) => {
      const listed = await table.listIndices();
      const want = origin.builds.map((b) => ({ name: `${b.probe.column}_idx`, indexType: b.lancedbType, columns: [b.probe.column] }));
      expect(listed.map((i) => ({ name: i.name, indexType: i.indexType, columns: i.columns })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        want.sort((a, b) => a.name.localeCompare(b.name)),
      );
      const rows = await table.countRows();
      for (const { name } of want) {
        expect(await table.indexStats(name), name).toMatchObject({ numIndexedRows: rows, numUnindexedRows: 0 });
      }
    });
  });
});
