/**
 * A dataset the engine can't read is refused up front, and what a retry can't change is not
 * retried: data in pylance 14's file format 2.3, given to an engine running pylance 10 (whose
 * page encodings it doesn't know: someone on an older pylance through LANCE_INDEX_PYTHON); and
 * a parameter only pylance can judge, refused inside every batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { buildJson } from '../helpers/cli.js';
import { PREV_PYTHON, PYTHON } from '../helpers/paths.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('file-format');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
});
afterAll(() => removeDir(root));

/** A small dataset in file format 2.3, written by `python`'s pylance. */
function write23(python: string, uri: string): void {
  execFileSync(
    python,
    [
      '-c',
      [
        'import sys, lance, pyarrow as pa',
        "t = pa.table({'id': pa.array(range(1200), pa.int64()), 'review': pa.array([f'word{i % 7} text' for i in range(1200)], pa.string())})",
        "lance.write_dataset(t, sys.argv[1], data_storage_version='2.3', max_rows_per_file=400)",
      ].join('\n'),
      uri,
    ],
    { env: { ...process.env, LANCE_LOG: 'error' } },
  );
}

describe('a dataset in a file format the engine cannot read', () => {
  it("pylance 14's format 2.3 given to a pylance 10 engine: refused before any batch, exit 2, naming the format, the engine's pylance and what to do", async () => {
    const uri = join(root, 'next', 'reviews.lance');
    write23(PYTHON, uri);
    const before = await fileSnapshot(uri);
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2'], { env: { LANCE_INDEX_PYTHON: PREV_PYTHON } });
    expect(run.code).toBe(2);
    expect(run.result.error?.message).toMatch(
      /^The dataset's data is in Lance file format 2\.3, and pylance 10\.0\.0 can't read it \(.*PlanarLayout.*\)\. Build with the pylance that wrote it .*data_storage_version="2\.2"/,
    );
    expect(run.events.some((e) => e.type === 'batch-started')).toBe(false);
    expect(await fileSnapshot(uri)).toEqual(before);
  });

  it("format 2.3 written by the engine's own pylance is read, so it is built", async () => {
    const uri = join(root, 'own', 'reviews.lance');
    write23(PYTHON, uri);
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.verification?.ok).toBe(true);
  });
});

describe('what a retry cannot change', () => {
  it('a parameter pylance refuses inside a batch fails each batch once, with no retry', async () => {
    const uri = await copyDataset(base.uri, root, 'param');
    const before = await fileSnapshot(uri);
    // A well-formed model name (validation accepts it) whose folder doesn't exist: only pylance can tell.
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', '--param', 'base_tokenizer=lindera/no-such-model']);
    expect(run.code).toBe(1);
    const failed = run.events.filter((e): e is Extract<BuildEvent, { type: 'batch-failed' }> => e.type === 'batch-failed');
    expect(failed).toHaveLength(2);
    for (const f of failed) {
      expect(f.attempt).toBe(1);
      expect(f.willRetry).toBe(false);
      expect(f.error).toMatch(/Invalid directory path: .*lindera\/no-such-model/);
    }
    expect(run.result.batches.every((b) => b.attempts === 1)).toBe(true);
    expect(await fileSnapshot(uri)).toEqual(before);
  });
});
