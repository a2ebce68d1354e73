/** A table in a Lance directory namespace, found by --namespace ROOT --table-id ID. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realpath } from 'node:fs/promises';
import { buildJson, describeJson, runCli } from '../helpers/cli.js';
import { UNEVEN_FRAGMENTS, writePylanceDataset, type WrittenDataset } from '../helpers/pylance-dataset.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let table: WrittenDataset;
const target = () => ['--namespace', root, '--table-id', 'reviews'];

beforeAll(async () => {
  root = await realpath(await makeTempDir('namespace'));
  // Created through the namespace (lance_namespace.connect('dir', ...) + write_dataset(namespace_client=...)).
  table = await writePylanceDataset({ namespaceRoot: root, tableId: ['reviews'], fragments: UNEVEN_FRAGMENTS.slice(0, 4) });
});
afterAll(() => removeDir(root));

describe('namespace + table id', () => {
  it('the namespace placed the table inside its root', () => {
    expect(table.uri.replace(/^file:\/\//, '')).toBe(`${root}/reviews.lance`);
  });

  it('builds an FTS index with 2 workers on the table the namespace resolves', async () => {
    const run = await buildJson([...target(), '--column', 'review', '--type', 'FTS', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.result.uri.replace(/^file:\/\//, '')).toBe(`${root}/reviews.lance`);
    expect(run.result.plan?.workers).toHaveLength(2);
    expect(run.result.verification).toMatchObject({ ok: true, type: 'Inverted', coveredFragments: table.fragments });
    expect(run.result.verification?.query?.usesIndex).toBe(true);
    const ds = await describeJson(target());
    expect(ds.indices.map((i) => [i.name, i.fragmentIds])).toEqual([['review_idx', table.fragments]]);
  });

  it('an unknown table id exits 2 naming the table and the namespace, changing nothing', async () => {
    const before = await fileSnapshot(root);
    const run = await runCli(['build', '--namespace', root, '--table-id', 'no_such_table', '--column', 'review', '--type', 'FTS']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Table 'no_such_table' was not found in namespace '${root}'`);
    expect(await fileSnapshot(root)).toEqual(before);
  });
});
