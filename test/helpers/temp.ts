/** Temporary folders for datasets, removed by the test file that made them. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `lance-index-${label}-`));
}

export function removeDir(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/**
 * A fresh copy of a local dataset for a test that changes it. The copy keeps the folder's name
 * inside its own new parent, so `<db>/<name>.lance` stays openable by @lancedb/lancedb.
 */
export async function copyDataset(src: string, intoRoot: string, label: string): Promise<string> {
  const parent = await mkdtemp(join(intoRoot, `${label}-`));
  const dest = join(parent, basename(src));
  await cp(src, dest, { recursive: true });
  return dest;
}
