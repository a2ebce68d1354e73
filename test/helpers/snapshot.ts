/**
 * What "the dataset is untouched" means on disk: the same files with the same bytes (sha256),
 * and the same folders. Sizes alone would miss a manifest rewritten in place.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type FileSnapshot = Record<string, string>;

export async function fileSnapshot(root: string): Promise<FileSnapshot> {
  const out: FileSnapshot = {};
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[relative(root, path) + '/'] = ''; // empty folders (e.g. a fresh _indices/<uuid>) count too
        await walk(path);
      } else {
        out[relative(root, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      }
    }
  }
  await walk(root);
  return out;
}
