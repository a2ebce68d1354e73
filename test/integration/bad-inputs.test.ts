/**
 * Table-driven refusals: every bad input exits 2 and prints exactly its message (naming the bad
 * value and what is accepted; every problem found, each on its line; no stack trace), and leaves
 * the dataset byte-for-byte as it was. Each case runs on its own copy, so a case that wrote
 * something fails alone instead of every case after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import type { BuildResult } from '@shared/contract/build.js';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

interface BadInput {
  name: string;
  /** Flags after `build`; D stands for the dataset's path. */
  args: (d: string) => string[];
  /** All of stderr, trimmed; `v` is the dataset's version (messages about fragments name it). */
  message: (d: string, v: number) => string | RegExp;
}

const base = (d: string, column: string, type: string) => ['--uri', d, '--column', column, '--type', type, '--workers', '2'];

const BTREE_SUITS = 'Columns that suit BTREE: id, rating, price, category, sku, review, meta.score, meta.note.';
const BTREE_NEEDS = 'BTREE needs integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary.';
const COLUMNS = 'the dataset has id, rating, price, category, sku, review, tags, codes, meta (nested fields as a.b).';
const WORKERS = (got: string) => `error: --workers must be 'auto' or a whole number from 1 to 256; got '${got}'.`;
const PART_OF_SEGMENT = (left: string) =>
  `Index 'id_idx' has a segment over fragments 0, 1, 2, 3; rebuilding only some of them would leave ${left} unindexed. Include all of that segment's fragments, omit the fragment list, choose another name, or use only-unindexed.`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CASES: BadInput[] = [
  {
    name: 'unknown index type',
    args: (d) => base(d, 'id', 'HASHMAP'),
    message: () =>
      "Unknown index type 'HASHMAP'; use one of BTREE, BITMAP, LABEL_LIST, INVERTED, FTS, NGRAM, ZONEMAP, BLOOMFILTER, IVF_FLAT, IVF_PQ, IVF_SQ, IVF_HNSW_FLAT, IVF_HNSW_PQ, IVF_HNSW_SQ.",
  },
  { name: 'empty column', args: (d) => base(d, '', 'BTREE'), message: () => 'Column is empty; give the name of the column to index (nested fields as a.b).' },
  {
    name: 'blank column',
    args: (d) => base(d, '   ', 'BTREE'),
    message: () => 'Column is empty; give the name of the column to index (nested fields as a.b).',
  },
  { name: 'missing column', args: (d) => base(d, 'stars', 'BTREE'), message: () => `Column 'stars' does not exist; ${COLUMNS}` },
  { name: 'column in the wrong case', args: (d) => base(d, 'ID', 'BTREE'), message: () => `Column 'ID' does not exist (did you mean 'id'?); ${COLUMNS}` },
  {
    name: 'nested path that does not exist',
    args: (d) => base(d, 'meta.grade', 'BTREE'),
    message: () => "Column 'meta.grade' does not exist; 'meta' has meta.score, meta.note.",
  },
  {
    name: 'FTS on an int column (and on the name of the BTREE index)',
    args: (d) => base(d, 'id', 'FTS'),
    message: () =>
      "Column 'id' has type int64; FTS needs strings or lists of strings (not dictionary-encoded). Columns that suit FTS: category, sku, review, tags, meta.note.\n" +
      "An index named 'id_idx' already exists as a BTree index on id; an FTS build can't replace it (Lance replaces an index only with one of the same type). Choose another name, e.g. 'id_fts_idx'.",
  },
  {
    name: 'LABEL_LIST on a string column',
    args: (d) => base(d, 'review', 'LABEL_LIST'),
    message: () =>
      "Column 'review' has type string; LABEL_LIST needs lists of plain values (integers, floats, strings, booleans, dates, times, binary, ...; not lists of lists or structs). Columns that suit LABEL_LIST: tags, codes.",
  },
  {
    name: 'BTREE on a list column',
    args: (d) => base(d, 'codes', 'BTREE'),
    message: () => `Column 'codes' has type list<item: int64>; ${BTREE_NEEDS} ${BTREE_SUITS}`,
  },
  {
    name: 'NGRAM on a float column',
    args: (d) => base(d, 'price', 'NGRAM'),
    message: () => "Column 'price' has type double; NGRAM needs strings. Columns that suit NGRAM: category, sku, review, meta.note.",
  },
  {
    name: 'BTREE on a struct column',
    args: (d) => base(d, 'meta', 'BTREE'),
    message: () => `Column 'meta' has type struct<score: int32, note: string>; ${BTREE_NEEDS} ${BTREE_SUITS}`,
  },
  { name: 'workers 0', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '0'], message: () => WORKERS('0') },
  { name: 'workers -1', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '-1'], message: () => WORKERS('-1') },
  { name: 'workers abc', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', 'abc'], message: () => WORKERS('abc') },
  { name: 'workers 1.5', args: (d) => [...base(d, 'id', 'BTREE'), '--workers', '1.5'], message: () => WORKERS('1.5') },
  {
    name: 'both --uri and --namespace',
    args: (d) => [...base(d, 'id', 'BTREE'), '--namespace', join(d, '..'), '--table-id', 'reviews'],
    message: () => 'error: Give either --uri, or --namespace with --table-id, not both.',
  },
  {
    name: '--table-id without --namespace',
    args: () => ['--table-id', 'reviews', '--column', 'id', '--type', 'BTREE'],
    message: () => 'error: --table-id needs --namespace <root> (the namespace folder or uri).',
  },
  {
    name: 'no dataset at the path',
    args: (d) => base(`${d}-missing`, 'id', 'BTREE'),
    // Lance's own words follow; they name the path too (its way) and say it was not found.
    message: (d) =>
      new RegExp(
        `^No Lance dataset at '${escape(d)}-missing' \\(expected a folder with _versions/ inside, or an object-store uri\\)\\. Lance said: .*reviews\\.lance-missing was not found.*$`,
      ),
  },
  // A path next to the dataset instead of it: said so, with the folder to open.
  {
    name: 'the folder above the dataset',
    args: (d) => base(dirname(d), 'id', 'BTREE'),
    message: (d) => `'${dirname(d)}' is a folder that holds Lance datasets, not a dataset itself; open one of them: ${d}.`,
  },
  {
    name: 'a folder inside the dataset',
    args: (d) => base(join(d, '_versions'), 'id', 'BTREE'),
    message: (d) => `'${join(d, '_versions')}' is inside the Lance dataset '${d}'; open that folder instead.`,
  },
  {
    name: 'fragment id that does not exist (and a subset of the existing index)',
    args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,99'],
    message: (_d, v) => `Fragment id 99 does not exist at version ${v}; existing ids: 0, 1, 2, 3.\n${PART_OF_SEGMENT('1, 2, 3')}`,
  },
  {
    name: 'fragment id above 2^32-1',
    args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '4294967296'],
    message: () => 'Fragment ids must be whole numbers from 0 to 4294967295; got 4294967296.',
  },
  {
    name: 'malformed fragment list',
    args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,two'],
    message: () => "error: --fragments must be comma-separated whole numbers (e.g. 0,3,7); 'two' is not one.",
  },
  { name: 'duplicate fragment ids', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '1,2,1'], message: () => 'Fragment ids are listed twice: 1.' },
  {
    name: 'unknown workflow',
    args: (d) => [...base(d, 'review', 'FTS'), '--workflow', 'mapreduce'],
    message: () => "Unknown workflow 'mapreduce'; use segments or merge.",
  },
  {
    name: 'merge workflow for BTREE',
    args: (d) => [...base(d, 'id', 'BTREE'), '--workflow', 'merge'],
    message: () => 'The merge workflow exists only for INVERTED/FTS; BTREE is built with --workflow segments.',
  },
  {
    name: 'unknown --param for the type',
    args: (d) => [...base(d, 'id', 'BTREE'), '--param', 'tokenizer=simple'],
    message: () => "BTREE has no parameter 'tokenizer'; it accepts zone_size.",
  },
  {
    name: '--param for a type that takes none',
    args: (d) => [...base(d, 'category', 'BITMAP'), '--param', 'zone_size=4'],
    message: () => "BITMAP takes no parameters (got 'zone_size').",
  },
  {
    name: 'bad --param value type',
    args: (d) => [...base(d, 'review', 'FTS'), '--param', 'with_position=sometimes'],
    message: () => 'Parameter \'with_position\' of FTS must be true or false; got "sometimes".',
  },
  // Values pylance refuses only inside every batch, after the work: refused before anything runs.
  {
    name: 'FTS block_size pylance refuses',
    args: (d) => [...base(d, 'review', 'FTS'), '--param', 'block_size=64'],
    message: () => "Parameter 'block_size' of FTS can't be 64; pylance accepts 128 or 256 (documents per posting block).",
  },
  {
    name: 'FTS memory_limit 0',
    args: (d) => [...base(d, 'review', 'FTS'), '--param', 'memory_limit=0'],
    message: () => "Parameter 'memory_limit' of FTS can't be 0; pylance accepts 1 or more (MiB for the whole build).",
  },
  {
    name: 'negative max_token_length',
    args: (d) => [...base(d, 'review', 'FTS'), '--param', 'max_token_length=-1'],
    message: () => "Parameter 'max_token_length' of FTS can't be -1; pylance accepts 0 or more (longer tokens are dropped).",
  },
  {
    name: 'ZONEMAP rows_per_zone 0',
    args: (d) => [...base(d, 'price', 'ZONEMAP'), '--param', 'rows_per_zone=0'],
    message: () => "Parameter 'rows_per_zone' of ZONEMAP can't be 0; pylance accepts 1 or more.",
  },
  {
    name: 'BLOOMFILTER probability 1.5',
    args: (d) => [...base(d, 'sku', 'BLOOMFILTER'), '--param', 'probability=1.5'],
    message: () => "Parameter 'probability' of BLOOMFILTER can't be 1.5; pylance accepts a false-positive rate greater than 0 and less than 1, e.g. 0.01.",
  },
  {
    name: '--param not key=value',
    args: (d) => [...base(d, 'review', 'FTS'), '--param', 'stem'],
    message: () => "error: --param 'stem' is not key=value (e.g. --param region=us-east-1).",
  },
  {
    name: '--no-replace on an existing name',
    args: (d) => [...base(d, 'id', 'BTREE'), '--no-replace'],
    message: () => "An index named 'id_idx' already exists (BTree on id); choose another name or allow replace.",
  },
  {
    name: 'existing name on another column',
    args: (d) => [...base(d, 'rating', 'BTREE'), '--name', 'id_idx'],
    message: () => "Index 'id_idx' exists on column id, not 'rating'; choose another name.",
  },
  {
    name: 'existing name with another index type',
    args: (d) => base(d, 'id', 'BITMAP'),
    message: () =>
      "An index named 'id_idx' already exists as a BTree index on id; a BITMAP build can't replace it (Lance replaces an index only with one of the same type). Choose another name, e.g. 'id_bitmap_idx'.",
  },
  { name: 'replacing part of an existing segment', args: (d) => [...base(d, 'id', 'BTREE'), '--fragments', '0,2'], message: () => PART_OF_SEGMENT('1, 3') },
  {
    name: 'index name with a slash',
    args: (d) => [...base(d, 'id', 'BTREE'), '--name', 'ids/v2'],
    message: () => "Index name 'ids/v2' is not allowed; use a non-empty name without slashes or leading spaces.",
  },
  {
    name: '--retries abc',
    args: (d) => [...base(d, 'id', 'BTREE'), '--retries', 'abc'],
    message: () => "error: --retries must be a whole number from 0 to 10; got 'abc'.",
  },
  { name: 'unknown flag', args: (d) => [...base(d, 'id', 'BTREE'), '--fast'], message: () => "error: unknown option '--fast'\n(run with --help for usage)" },
  {
    name: 'missing --column',
    args: (d) => ['--uri', d, '--type', 'BTREE'],
    message: () => "error: required option '--column <name>' not specified\n(run with --help for usage)",
  },
  {
    name: '--only-unindexed with nothing left to index',
    args: (d) => [...base(d, 'id', 'BTREE'), '--only-unindexed'],
    message: (_d, v) => `Index 'id_idx' already covers every fragment at version ${v}; nothing to index.`,
  },
];

let root: string;
let dataset: WrittenDataset;
let version: number;

beforeAll(async () => {
  root = await makeTempDir('bad-inputs');
  dataset = await writePylanceDataset({ uri: join(root, 'ds', 'reviews.lance'), fragments: [500, 200, 350, 150], deleteWhere: 'id % 40 = 3' });
  // An existing index of one segment over fragments 0-3, for the cases about names and replacing.
  const built = await buildJson(['--uri', dataset.uri, '--column', 'id', '--type', 'BTREE', '--workers', '2', '--merge-segments']);
  expect(built.code).toBe(0);
  version = (await describeJson(['--uri', dataset.uri])).version;
});
afterAll(() => removeDir(root));

describe('bad inputs exit 2 with their message and change nothing', () => {
  it.each(CASES)('$name', async ({ args, message }) => {
    const d = await copyDataset(dataset.uri, root, 'case');
    const before = await fileSnapshot(d);
    const run = await runCli(['build', ...args(d)]);
    expect(run.code, run.stderr).toBe(2);
    const expected = message(d, version);
    if (typeof expected === 'string') expect(run.stderr.trim()).toBe(expected);
    else expect(run.stderr.trim()).toMatch(expected);
    // Same bytes in every file means the same manifests, so the same version too.
    expect(await fileSnapshot(d)).toEqual(before);
  });
});

describe('with --json', () => {
  it('a refusal is still exit 2 and a message on stderr; stdout is JSON lines ending in the result', async () => {
    const d = await copyDataset(dataset.uri, root, 'json');
    const before = await fileSnapshot(d);
    const run = await runCli(['build', '--uri', d, '--column', 'stars', '--type', 'BTREE', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`Column 'stars' does not exist; ${COLUMNS}`);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; result?: BuildResult });
    const last = lines.at(-1)!;
    expect(last.type).toBe('result');
    expect(last.result).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(last.result!.error!.message).toContain("Column 'stars' does not exist");
    expect(await fileSnapshot(d)).toEqual(before);
  });
});
