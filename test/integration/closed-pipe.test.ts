/**
 * `lance-index build ... | head -1`: the reader goes away after the first line. The rest of the
 * output is dropped, the build runs to its commit, and no write error (a stack trace) is shown.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, REPO } from '../helpers/paths.js';
import { describeJson, runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let root: string;
let uri: string;
beforeAll(async () => {
  root = await makeTempDir('closed-pipe');
  uri = join(root, 'reviews.lance');
  expect((await runCli(['sample', '--out', uri, '--rows', '20000', '--fragments', '4'])).code).toBe(0);
});
afterAll(() => removeDir(root));

it('a reader that stops after the first line: the build still commits, exit 0, no EPIPE', async () => {
  const child = spawn(process.execPath, [CLI, 'build', '--uri', uri, '--column', 'id', '--type', 'BTREE'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Like `head -1`: read the first chunk, then close the pipe.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).not.toMatch(/EPIPE|Unhandled/);
  expect(code).toBe(0);
  expect((await describeJson(['--uri', uri])).indices.map((i) => i.name)).toEqual(['id_idx']);
});
