/**
 * The engine dies right around Lance's commit, before it can answer (the engine's test-only
 * LANCE_INDEX_TEST_CRASH_AT_COMMIT). After Lance committed: the index stays whole and queryable
 * and the CLI says it is committed. Before: nothing is committed, nothing is left, and it says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildJson, describeJson } from '../helpers/cli.js';
import { RARE_TOKEN, UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { runProbe, withLancedbTable } from '../helpers/lancedb-table.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { copyDataset, makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let base: WrittenDataset;

beforeAll(async () => {
  root = await makeTempDir('commit-outcome');
  base = await writePylanceDataset({ uri: join(root, 'base', 'reviews.lance'), fragments: UNEVEN_FRAGMENTS });
});
afterAll(() => removeDir(root));

const WAYS = [
  { label: 'segments, merged into one', flags: ['--workflow', 'segments', '--merge-segments'] },
  { label: 'segments, one per batch', flags: ['--workflow', 'segments', '--no-merge-segments'] },
  { label: 'the merge workflow', flags: ['--workflow', 'merge'] },
];

const ftsProbe = { column: 'review', fullText: RARE_TOKEN, matches: (v: unknown) => String(v).split(' ').includes(RARE_TOKEN) };

describe('the engine dies right after Lance committed', () => {
  it.each(WAYS)('$label: the index is committed, whole and queryable, and the CLI says so', async ({ flags }) => {
    const uri = await copyDataset(base.uri, root, 'after');
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', ...flags], {
      env: { LANCE_INDEX_TEST_CRASH_AT_COMMIT: 'after' },
    });
    expect(run.code).toBe(0);
    expect(run.result.ok).toBe(true);
    expect(run.result.version).toBe(base.version + 1);
    const said = run.events.find((e) => e.type === 'log' && e.level === 'warn' && /commit call failed after Lance had committed/.test(e.message));
    expect(said && 'message' in said ? said.message : '').toMatch(
      new RegExp(
        `^The commit call failed after Lance had committed \\(.*killed by SIGKILL.*\\); index 'review_idx' is committed at version ${base.version + 1}\\.$`,
      ),
    );
    expect(run.result.verification?.ok).toBe(true);

    // Every folder the committed index is made of is still there, and queries through it are right.
    const index = (await describeJson(['--uri', uri])).indices.find((i) => i.name === 'review_idx')!;
    expect(index.fragmentIds.slice().sort((a, b) => a - b)).toEqual(base.fragments);
    for (const s of index.segments) expect(existsSync(join(uri, '_indices', s.uuid))).toBe(true);
    const answer = await withLancedbTable(uri, (t) => runProbe(t, ftsProbe));
    expect(answer.usesIndex).toBe(true);
    expect(answer.ids).toEqual(answer.fullScanIds);
  });
});

describe('the engine dies right before Lance commits', () => {
  it.each(WAYS)('$label: nothing committed, nothing left, and the CLI says so', async ({ flags }) => {
    const uri = await copyDataset(base.uri, root, 'before');
    const before = await fileSnapshot(uri);
    const run = await buildJson(['--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', ...flags], {
      env: { LANCE_INDEX_TEST_CRASH_AT_COMMIT: 'before' },
    });
    expect(run.code).toBe(1);
    expect(run.result.error?.message).toMatch(
      new RegExp(`^Index 'review_idx' was not committed \\(the latest version, ${base.version}, doesn't have it\\): .*killed by SIGKILL`),
    );
    const after = await fileSnapshot(uri);
    // Only an emptied _indices/ may remain from the build: no version, no manifest, no index file.
    delete after['_indices/'];
    delete before['_indices/'];
    expect(after).toEqual(before);
  });
});
