/**
 * Messages that say what happened in plain words (issue 10): the FTS probe picks a word the
 * tokenizer keeps, a path next to a dataset says which folder to open, a bare value in a query
 * filter gets the hint to quote it, a subset build says which fragments it left out, and index
 * parameters the app accepts reach pylance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalEngine } from '@engine/local-engine.js';
import { buildOk, runCli } from '../helpers/cli.js';
import { PYTHON } from '../helpers/paths.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

const py = async (code: string) => (await promisify(execFile)(PYTHON, ['-c', code], { env: { ...process.env, LANCE_LOG: 'error' } })).stdout.trim();

let root: string;
let base: WrittenDataset;
let engine: LocalEngine;

beforeAll(async () => {
  root = await makeTempDir('plain-messages');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
  engine = new LocalEngine();
});
afterAll(async () => {
  await engine.close();
  await removeDir(root);
});

describe('verification', () => {
  it('the full-text probe skips words the tokenizer drops (stop words) instead of reporting a good index as broken', async () => {
    const uri = join(root, 'countries.lance');
    // Every row's value is a country code; "IN" and "IT" are English stop words, "US" is not.
    await py(`import lance, pyarrow as pa
codes = ["IT", "IN", "US"]
lance.write_dataset(pa.table({"id": list(range(3000)), "country": [codes[i % 3] for i in range(3000)]}), ${JSON.stringify(uri)}, max_rows_per_file=1000)`);
    const run = await buildOk(['--uri', uri, '--column', 'country', '--type', 'FTS', '--workers', '2']);
    const v = run.result.verification!;
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.query?.text).toBe("full-text search for 'US'");
    expect(v.query?.usesIndex).toBe(true);
  });
});

describe('a path that is not a dataset', () => {
  it('a file: says it is a file, and lists the datasets next to it (exit 2)', async () => {
    const file = join(root, 'base', 'notes.txt');
    await writeFile(file, 'not a dataset');
    const run = await runCli(['describe', '--uri', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `error: '${file}' is a file, not a Lance dataset: a dataset is a folder with _versions/ inside. Datasets next to it: ${base.uri}.`,
    );
  });

  it('the folder above datasets: says so and lists them, one level further down too', async () => {
    const run = await runCli(['describe', '--uri', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`'${root}' is a folder that holds Lance datasets, not a dataset itself; open one of them: `);
    expect(run.stderr).toContain(base.uri);
  });
});

describe('query errors', () => {
  it('a bare word where a value was meant: the hint says to quote it, with the filter fixed', async () => {
    const q = engine.query({ uri: base.uri, storageOptions: {} }, { filter: 'category = books AND rating < 3', limit: 10 });
    await expect(q).rejects.toThrow(
      "The query could not run: no column is named 'books'. If books is a value, put it in single quotes: category = 'books' AND rating < 3. The columns are id, rating, price, category, sku, review, tags, codes, meta.",
    );
    const fixed = await engine.query({ uri: base.uri, storageOptions: {} }, { filter: "category = 'books' AND rating < 3", limit: 10 });
    expect(fixed.rows.length).toBeGreaterThan(0);
  });
});

describe('after a subset build', () => {
  it('fragments not asked for are "left out", told apart from fragments added since the build read the dataset', async () => {
    const uri = await copyDataset(base.uri, root, 'subset');
    const run = await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--fragments', '0,2']);
    const v = run.result.verification!;
    const others = base.fragments.filter((f) => f !== 0 && f !== 2);
    expect(v.unindexedFragments).toEqual(others);
    expect(v.leftOutFragments).toEqual(others);
    // The terminal says it the same way.
    const again = await runCli(['build', '--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--fragments', '0,2']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`left out of this build, not indexed: fragments ${others.join(', ')}`);
    expect(again.stdout).not.toContain('added since');
  });
});

describe('index parameters', () => {
  /** The committed index's statistics as pylance reports them (merged into one segment by default). */
  const indexStats = async (uri: string, name: string) =>
    JSON.parse(
      await py(`import lance, json; print(json.dumps(lance.dataset(${JSON.stringify(uri)}).stats.index_stats(${JSON.stringify(name)}), default=str))`),
    ) as {
      segments: Array<Record<string, number>>;
    };

  it('ZONEMAP rows_per_zone reaches pylance (pylance 10 drops it as a keyword argument)', async () => {
    const uri = await copyDataset(base.uri, root, 'param-zonemap');
    await buildOk(['--uri', uri, '--column', 'price', '--type', 'ZONEMAP', '--workers', '2', '--param', 'rows_per_zone=7']);
    expect((await indexStats(uri, 'price_idx')).segments.map((s) => s.rows_per_zone)).toEqual([7]);
  });

  it('BTREE zone_size reaches pylance: pages of 64 rows, not the default one page for these few rows', async () => {
    const uri = await copyDataset(base.uri, root, 'param-btree');
    await buildOk(['--uri', uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--param', 'zone_size=64']);
    // One segment per batch (BTREE's default), each paged by 64 rows: their pages add up to the
    // rows' 64-row pages, give or take a part-filled last page per segment.
    const pages = (await indexStats(uri, 'id_idx')).segments.map((s) => s.num_pages);
    expect(pages).toHaveLength(2);
    const total = pages.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(Math.ceil(base.rows / 64));
    expect(total).toBeLessThanOrEqual(Math.ceil(base.rows / 64) + 1);
  });
});
