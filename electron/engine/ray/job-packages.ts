/**
 * The two packages a lance-index Ray job runs with, named by their content like Ray's own
 * (`_ray_pkg_<hash>.zip`) so the cluster keeps one copy of each:
 * - the engine: engine/python as it is here (lance_engine/ and requirements.txt), the job's
 *   working_dir; uploaded once per version of the engine;
 * - the spec: what this job is to do (one JSON file), on the job's py_modules path.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { ENGINE_DIR } from '../python-env.js';
import { RAY_PROTOCOL } from './ray-protocol.js';

export interface JobPackage {
  /** `_ray_pkg_<hash>.zip` */
  name: string;
  uri: string;
  bytes: Uint8Array;
}

/** A fixed date for every entry, so the same files always make the same bytes (and name). */
const ZIP_DATE = new Date('2020-01-01T00:00:00Z');
/** Ray refuses larger uploads. */
export const MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

export function packageOf(files: Record<string, Uint8Array>): JobPackage {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name], { mtime: ZIP_DATE }];
  const bytes = zipSync(entries, { level: 6 });
  const name = `_ray_pkg_${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.zip`;
  return { name, uri: `gcs://${name}`, bytes };
}

function engineFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      // The engine's own tests stay home: a job runs the engine, not its tests.
      if (entry === '__pycache__' || entry.startsWith('.') || (d === dir && entry === 'tests')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(py|txt|json)$/.test(entry)) files[relative(dir, path).split(sep).join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return files;
}

let cachedEngine: JobPackage | undefined;

/** The engine package, built once per process from the engine sources. */
export function enginePackage(dir: string = ENGINE_DIR): JobPackage {
  if (dir !== ENGINE_DIR) return packageOf(engineFiles(dir));
  cachedEngine ??= packageOf(engineFiles(dir));
  return cachedEngine;
}

export function specPackage(spec: unknown): JobPackage {
  return packageOf({ [RAY_PROTOCOL.spec_file]: Buffer.from(JSON.stringify(spec)) });
}
