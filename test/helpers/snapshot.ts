/** What "the dataset is untouched" means on disk: the same files with the same sizes. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type FileSnapshot = Record<string, number>;

export async function fileSnapshot(root: string): Promise<FileSnapshot> {
  const out: FileSnapshot = {};
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[relative(root, path) + '/'] = 0; // empty folders (e.g. a fresh _indices/<uuid>) count too
        await walk(path);
      } else {
        out[relative(root, path)] = (await stat(path)).size;
      }
    }
  }
  await walk(root);
  return out;
}
