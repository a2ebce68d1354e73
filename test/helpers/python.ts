/** Runs a fixture script with the project's pylance and reads the one JSON line it prints. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES, PYTHON } from './paths.js';

const run = promisify(execFile);

export async function runFixture<T>(script: string, args: string[], python: string = PYTHON): Promise<T> {
  // LANCE_LOG=error keeps Lance's warnings (e.g. "no existing dataset") out of the way.
  const { stdout } = await run(python, [join(FIXTURES, script), ...args], {
    env: { ...process.env, LANCE_LOG: 'error' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as T;
}
