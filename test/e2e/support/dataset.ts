/** Datasets the tests make themselves, with the CLI a person would use. */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { CLI, ROOT } from './host';

const run = promisify(execFile);

export async function makeSample(out: string, rows: number, fragments: number): Promise<void> {
  await run(process.execPath, [CLI, 'sample', '--out', out, '--rows', String(rows), '--fragments', String(fragments), '--overwrite'], { cwd: ROOT });
}

/** Every file under the dataset with its size: "same files" means this is unchanged. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(`${relative(dir, p)} ${(await stat(p)).size}`);
    }
  };
  await walk(dir);
  return out.sort();
}

export async function latestVersion(dir: string): Promise<number> {
  const files = await readdir(join(dir, '_versions'));
  // Lance names manifests either N.manifest or with an inverted number; count is enough here.
  return files.filter((f) => f.endsWith('.manifest')).length;
}
