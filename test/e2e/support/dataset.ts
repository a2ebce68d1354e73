/** Datasets the tests make themselves, with the CLI a person would use. */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DatasetDescription } from '@shared/contract/dataset';
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

/** What the CLI (the same core, another front end) reads from the dataset. */
export async function describe(uri: string): Promise<DatasetDescription> {
  const { stdout } = await run(process.execPath, [CLI, 'describe', '--uri', uri, '--json'], { cwd: ROOT, maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as DatasetDescription;
}
