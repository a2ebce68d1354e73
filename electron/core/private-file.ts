/**
 * JSON files in the per-user data folder, readable by their owner only (folder 0700, file 0600),
 * written whole: a crash mid-write never leaves half a file.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const STICKY = 0o1000;

export async function writePrivateJson(stateDir: string, name: string, value: unknown): Promise<void> {
  await privateFolder(stateDir);
  const file = join(stateDir, name);
  // A temporary name of its own: two writes at once (two windows, a burst of calls) must not
  // rename each other's half-written file. The last rename wins, whole.
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}

/** 0700, also when made by an older version; but never a shared folder like /tmp (sticky). */
async function privateFolder(stateDir: string): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const s = await stat(stateDir);
  const mine = typeof process.getuid !== 'function' || s.uid === process.getuid();
  if (mine && !(s.mode & STICKY) && (s.mode & 0o077) !== 0) await chmod(stateDir, 0o700);
}
