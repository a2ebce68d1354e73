/**
 * The cases' datasets: written once per run by bench/datasets.py with the pinned pylance (its
 * format every contender reads), optionally kept in a --data folder for later runs, and a fresh
 * copy for every build so each contender starts from the same unindexed dataset.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchCase, type Size, fragmentRows, wordsPerFragment } from './cases.js';
import { BENCH } from './paths.js';
import { measure } from './process-tree.js';

export interface Dataset {
  uri: string;
  rows: number;
  fragments: number[];
  /** In-memory (Arrow) bytes of the indexed column, per fragment. */
  columnBytes: number[];
  /** Seconds it took to write (0 when an earlier run's copy was reused). */
  writeS: number;
}

const GENERATOR = join(BENCH, 'datasets.py');

export async function ensureDataset(c: BenchCase, size: Size, dir: string, python: string): Promise<Dataset> {
  const spec = {
    kind: c.kind,
    fragments: fragmentRows(c, size),
    words: wordsPerFragment(c),
    cardinality: c.cardinality,
    dimension: c.vector?.dimension,
    seed: c.seed,
  };
  // The generator's source is part of the key: a changed generator must not reuse old data.
  const key = createHash('sha256').update(JSON.stringify(spec)).update(readFileSync(GENERATOR)).digest('hex').slice(0, 16);
  const uri = join(dir, `${c.id}-${size}`, 'data.lance');
  const stamp = join(dir, `${c.id}-${size}.json`);
  if (existsSync(stamp) && existsSync(uri)) {
    const kept = JSON.parse(readFileSync(stamp, 'utf8')) as Dataset & { key: string };
    if (kept.key === key) return { ...kept, writeS: 0 };
  }
  rmSync(join(dir, `${c.id}-${size}`), { recursive: true, force: true });
  mkdirSync(join(dir, `${c.id}-${size}`), { recursive: true });
  const made = await measure(python, [GENERATOR, JSON.stringify({ uri, ...spec })], { env: { ...process.env, LANCE_LOG: 'error' } });
  if (made.code !== 0) throw new Error(`writing ${c.id} failed (exit ${made.code}):\n${made.stderrTail}`);
  const out = JSON.parse(made.stdout.trim().split('\n').pop()!) as { rows: number; fragments: number[]; column_bytes: number[] };
  const dataset: Dataset = { uri, rows: out.rows, fragments: out.fragments, columnBytes: out.column_bytes, writeS: made.wallS };
  writeFileSync(stamp, JSON.stringify({ ...dataset, key }));
  return dataset;
}

/**
 * A copy of `base` for one build, as `<dest>/data.lance` (@lancedb/lancedb opens a table by
 * folder and name). Data files are hard links: Lance never changes a data file once written, an
 * index build only adds files, so a 20M-row dataset costs nothing to copy. Everything else
 * (manifests, transactions, deletion files) is copied, since some may be rewritten in place.
 */
export function copyForRun(base: string, dest: string): string {
  const uri = join(dest, 'data.lance');
  const walk = (from: string, to: string, inData: boolean) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const src = join(from, name);
      const dst = join(to, name);
      if (statSync(src).isDirectory()) walk(src, dst, inData || (from === base && name === 'data'));
      else if (inData) linkSync(src, dst);
      else copyFileSync(src, dst);
    }
  };
  walk(base, uri, false);
  return uri;
}
