/**
 * Issue 9, item 1: cleanup and build never touch anything outside the dataset. Each case plants
 * a link in a real dataset, runs the real CLI against it, and checks the folder the link points
 * to is byte-for-byte what it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { makeSample } from '../e2e/support/dataset.js';

const UUID_A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const UUID_B = '6f9619ff-8b86-4011-b42d-00c04fc964ff';

let dir: string;
let pristine: string;

beforeAll(async () => {
  dir = await makeTempDir('containment');
  pristine = join(dir, 'pristine.lance');
  await makeSample(pristine, 3000, 3);
});
afterAll(() => removeDir(dir));

/** A fresh copy of the sample, and a folder outside it full of someone's files. */
async function datasetAndVictim(label: string): Promise<{ uri: string; victim: string }> {
  const uri = join(dir, label, 'reviews.lance');
  await cp(pristine, uri, { recursive: true });
  const victim = join(dir, label, 'someone-elses-folder');
  await mkdir(join(victim, 'photos'), { recursive: true });
  await mkdir(join(victim, UUID_A), { recursive: true });
  await writeFile(join(victim, 'thesis.txt'), 'four years of work');
  await writeFile(join(victim, 'photos', 'cat.jpg'), 'not really a jpeg');
  await writeFile(join(victim, UUID_A, 'part.bin'), 'looks like an index folder, is not one');
  return { uri, victim };
}

const cleanup = (uri: string) => runCli(['cleanup', '--uri', uri, '--min-age', '0']);
const build = (uri: string) => runCli(['build', '--uri', uri, '--column', 'id', '--type', 'BITMAP', '--workers', '1']);

describe('a dataset whose _indices is a link to another folder', () => {
  it('is refused by cleanup and by build, and the linked folder is untouched', async () => {
    const { uri, victim } = await datasetAndVictim('linked-indices');
    await symlink(victim, join(uri, '_indices'));
    const before = await fileSnapshot(victim);

    const c = await cleanup(uri);
    expect(c.stderr).toContain('_indices');
    expect(c.stderr).toContain('outside the dataset folder');
    expect(c.code).toBe(2);

    const b = await build(uri);
    expect(b.stderr + b.stdout).toContain('outside the dataset folder');
    expect(b.code).toBe(2);

    expect(await fileSnapshot(victim)).toEqual(before);
  });
});

describe('a dataset with one index folder that is a link to another folder', () => {
  it('is refused by cleanup and build; neither the link nor the folder it points to changes', async () => {
    const { uri, victim } = await datasetAndVictim('linked-segment');
    await mkdir(join(uri, '_indices'));
    await symlink(victim, join(uri, '_indices', UUID_B));
    const before = await fileSnapshot(victim);

    const c = await cleanup(uri);
    expect(c.stderr).toContain(`_indices/${UUID_B}`);
    expect(c.code).toBe(2);
    const b = await build(uri);
    expect(b.code).toBe(2);

    expect(lstatSync(join(uri, '_indices', UUID_B)).isSymbolicLink()).toBe(true);
    expect(await fileSnapshot(victim)).toEqual(before);
  });
});

describe('cleanup inside a dataset', () => {
  it('removes only unreferenced folders named like index uuids, never other names', async () => {
    const { uri } = await datasetAndVictim('names');
    const indices = join(uri, '_indices');
    await mkdir(join(indices, UUID_B), { recursive: true });
    await writeFile(join(indices, UUID_B, 'page_data.lance'), 'left by a crashed build');
    await mkdir(join(indices, 'my-notes'), { recursive: true });
    await writeFile(join(indices, 'my-notes', 'todo.txt'), 'not an index');
    await writeFile(join(indices, 'README'), 'not an index either');

    const c = await runCli(['cleanup', '--uri', uri, '--min-age', '0', '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).removed).toEqual([UUID_B]);
    expect((await readdir(indices)).sort()).toEqual(['README', 'my-notes']);
    expect(existsSync(join(indices, 'my-notes', 'todo.txt'))).toBe(true);
  });

  it('removes a link inside an unreferenced index folder as a link, never what it points to', async () => {
    const { uri, victim } = await datasetAndVictim('nested-link');
    await mkdir(join(uri, '_indices', UUID_B), { recursive: true });
    await symlink(victim, join(uri, '_indices', UUID_B, 'part'));
    const before = await fileSnapshot(victim);

    const c = await runCli(['cleanup', '--uri', uri, '--min-age', '0', '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).removed).toEqual([UUID_B]);
    expect(existsSync(join(uri, '_indices', UUID_B))).toBe(false);
    expect(await fileSnapshot(victim)).toEqual(before);
  });
});
