/**
 * Table-driven refusals: every bad input exits 2 with one clear message that names the bad
 * value, prints no stack trace, and leaves the dataset exactly as it was (same version from
 * `describe`, same files with the same sizes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BuildResult } from '@shared/contract/build.js';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { fileSnapshot, type FileSnapshot } from '../helpers/snapshot.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

interface BadInput {
  name: string;
  /** Flags after `build`; D stands for the dataset's path. */
  args: (d: string) => string[];
  /** Text the message must contain, naming the bad value (and usually what is accepted). */
  says: (d: string) => string[];
}

const base = (d: string, column: string, type: string) => ['--uri', d, '--column', column, '--type', type, '--workers', '2'];

const CASES: BadInput[] = [
  { name: 'unknown index type', args: (d) => base(d, 'id', 'HASHMAP'), says: () => ["Unknown index type 'HASHMAP'", 'use one of BTREE, BITMAP'] },
  { name: 'empty column', args: (d) => base(d, '', 'BTREE'), says: () => ['Column is empty'] },
  { name: 'blank column', args: (d) => base(d, '   ', 'BTREE'), says: () => ['Column is empty'] },
  { name: 'missing column', args: (d) => base(d, 'stars', 'BTREE'), says: () => ["Column 'stars' does not exist", 'the dataset has id, rating, price'] },
  { name: 'column in the wrong case', args: (d) => base(d, 'ID', 'BTREE'), says: () => ["Column 'ID' does not exist (did you mean 'id'?)"] },
  { name: 'nested path that does not exist', args: (d) => base(d, 'meta.grade', 'BTREE'), says: () => ["Column 'meta.grade' does not exist", 'meta.score, meta.note'] },
  { name: 'FTS on an int column', args: (d) => base(d, 'id', 'FTS'), says: () => ["Column 'id' has type int64; FTS needs strings", 'Columns that suit FTS: category, sku, review, tags'] },
  { name: 'LABEL_LIST on a string column', args: (d) => base(d, 'review', 'LABEL_LIST'), says: () => ["Column 'review' has type string; LABEL_LIST needs lists", 'Columns that suit LABEL_LIST: tags, codes'] },
  { name: 'BTREE on a list column', args: (d) => base(d, 'codes', 'BTREE'), says: () => ["Column 'codes' has type list<item: int64>; BTREE needs"] },
  { name: 'NGRAM on a float column', args: (d) => base(d, 'price', 'NGRAM'), says: () => ["Column 'price' has type double; NGRAM needs strings"] },
  { name: 'BTREE on a struct column', args: (d) => base(d, 'meta', 'BTREE'), says: () => ["Column 'meta' has type struct<score: int32, note: string>"] },
  { name: 'workers 0', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '0'], says: () => ["Workers must be a whole number from 1 to 256; got '0'"] },
  { name: 'workers -1', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '-1'], says: () => ["got '-1'"] },
  { name: 'workers abc', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', 'abc'], says: () => ["Workers must be a whole number from 1 to 256; got 'abc'"] },
  { name: 'workers 1.5', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '1.5'], says: () => ["got '1.5'"] },
  { name: 'both --uri and --namespace', args: (d) => [...base(d, 'id', 'BTREE'), '--namespace', join(d, '..'), '--table-id', 'reviews'], says: () => ['Give either --uri, or --namespace with --table-id, not both'] },
  { name: '--table-id without --namespace', args: () => ['--table-id', 'reviews', '--column', 'id', '--type', 'BTREE'], says: () => ['--table-id needs --namespace'] },
  { name: 'no dataset at the path', args: (d) => base(`${d}-missing`, 'id', 'BTREE'), says: (d) => [`No Lance dataset at '${d}-missing'`] },
  { name: 'fragment id that does not exist', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,99'], says: () => ['Fragment id 99 does not exist at version', 'existing ids: 0, 1, 2, 3'] },
  { name: 'fragment id above 2^32-1', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '4294967296'], says: () => ['Fragment ids must be whole numbers from 0 to 4294967295; got 4294967296'] },
  { name: 'malformed fragment list', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,two'], says: () => ["--fragments must be comma-separated whole numbers", "'two' is not one"] },
  { name: 'duplicate fragment ids', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '1,2,1'], says: () => ['Fragment ids are listed twice: 1'] },
  { name: 'unknown workflow', args: (d) => [...base(d, 'review', 'FTS'), '--workflow', 'mapreduce'], says: () => ["Unknown workflow 'mapreduce'; use segments or merge"] },
  { name: 'merge workflow for BTREE', args: (d) => [...base(d, 'id', 'BTREE'), '--workflow', 'merge'], says: () => ['The merge workflow exists only for INVERTED/FTS', 'BTREE is built with --workflow segments'] },
  { name: 'unknown --param for the type', args: (d) => [...base(d, 'id', 'BTREE'), '--param', 'tokenizer=simple'], says: () => ["BTREE has no parameter 'tokenizer'; it accepts zone_size"] },
  { name: '--param for a type that takes none', args: (d) => [...base(d, 'category', 'BITMAP'), '--param', 'zone_size=4'], says: () => ["BITMAP takes no parameters (got 'zone_size')"] },
  { name: 'bad --param value type', args: (d) => [...base(d, 'review', 'FTS'), '--param', 'with_position=sometimes'], says: () => ["Parameter 'with_position' of FTS must be a bool", '"sometimes"'] },
  { name: '--param not key=value', args: (d) => [...base(d, 'review', 'FTS'), '--param', 'stem'], says: () => ["--param 'stem' is not key=value"] },
  { name: '--no-replace on an existing name', args: (d) => [...base(d, 'id', 'BTREE'), '--no-replace'], says: () => ["An index named 'id_idx' already exists (BTree on id)"] },
  { name: 'existing name on another column', args: (d) => [...base(d, 'rating', 'BTREE'), '--name', 'id_idx'], says: () => ["Index 'id_idx' exists on column id, not 'rating'"] },
  { name: 'existing name with another index type', args: (d) => base(d, 'id', 'BITMAP'), says: () => ["An index named 'id_idx' already exists as a BTree index", 'BITMAP'] },
  { name: 'replacing part of an existing segment', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,2'], says: () => ["Index 'id_idx' has a segment over fragments 0, 1, 2, 3", 'would leave 1, 3 unindexed'] },
  { name: 'index name with a slash', args: (d) => [...base(d, 'id', 'BTREE'), '--name', 'ids/v2'], says: () => ["Index name 'ids/v2' is not allowed"] },
  { name: '--retries abc', args: (d) => [...base(d, 'id', 'BTREE'), '--retries', 'abc'], says: () => ["--retries must be a whole number from 0 to 10; got 'abc'"] },
  { name: 'unknown flag', args: (d) => [...base(d, 'id', 'BTREE'), '--fast'], says: () => ["unknown option '--fast'"] },
  { name: 'missing --column', args: (d) => ['--uri', d, '--type', 'BTREE'], says: () => ["required option '--column <name>' not specified"] },
  { name: '--only-unindexed with nothing left to index', args: (d) => [...base(d, 'id', 'BTREE'), '--only-unindexed'], says: () => ["Index 'id_idx' already covers every fragment"] },
];

let root: string;
let dataset: WrittenDataset;
let baseline: { files: FileSnapshot; version: number };

beforeAll(async () => {
  root = await makeTempDir('bad-inputs');
  dataset = await writePylanceDataset({ uri: join(root, 'ds', 'reviews.lance'), fragments: [500, 200, 350, 150], deleteWhere: 'id % 40 = 3' });
  // An existing index, for the cases about names and replacing.
  const built = await buildJson(['--uri', dataset.uri, '--column', 'id', '--type', 'BTREE', '--workers', '2']);
  expect(built.code).toBe(0);
  baseline = { files: await fileSnapshot(dataset.uri), version: (await describeJson(['--uri', dataset.uri])).version };
});
afterAll(() => removeDir(root));

describe('bad inputs exit 2 with a clear message and change nothing', () => {
  it('has at least 20 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)('$name', async ({ args, says }) => {
    const run = await runCli(['build', ...args(dataset.uri)]);
    expect(run.code, run.stderr).toBe(2);
    for (const text of says(dataset.uri)) expect(run.stderr).toContain(text);
    // No JavaScript, Python or Rust stack in what the user reads.
    expect(run.stderr).not.toMatch(/^\s+at \S|Traceback \(most recent call last\)|\.rs:\d+|node:internal/m);
    expect(await fileSnapshot(dataset.uri)).toEqual(baseline.files);
    expect((await describeJson(['--uri', dataset.uri])).version).toBe(baseline.version);
  });
});

describe('with --json', () => {
  it('a refusal is still exit 2 and a message on stderr; stdout is JSON lines ending in the result', async () => {
    const run = await runCli(['build', '--uri', dataset.uri, '--column', 'stars', '--type', 'BTREE', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Column 'stars' does not exist");
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; result?: BuildResult });
    const last = lines.at(-1)!;
    expect(last.type).toBe('result');
    expect(last.result).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(last.result!.error!.message).toContain("Column 'stars' does not exist");
    expect(await fileSnapshot(dataset.uri)).toEqual(baseline.files);
  });
});
