/** `npm run bench -- [options]`: what to run, at which size, how often, and where the report goes. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchCase, CASES, caseById, type Size } from './cases.js';
import { type Contender, CONTENDERS, contenderById } from './contenders.js';
import { RESULTS } from './paths.js';

export const PARTS = ['builds', 'latency', 'plan'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  size: Size;
  runs: number;
  workers: number;
  parts: Set<Part>;
  cases: BenchCase[];
  contenders: Contender[];
  /** Keep the datasets here (reused by later runs of the same size); else a temp folder, removed. */
  dataDir?: string;
  /** Where the report goes; undefined: printed only (a partial run must not replace a full report). */
  out?: string;
  warmup: boolean;
}

export const USAGE = `npm run bench -- [--size smoke|full] [--runs N] [--workers N] [--only builds,latency,plan]
  [--cases ${CASES.map((c) => c.id).join(',')}] [--contenders ${CONTENDERS.map((c) => c.id).join(',')}]
  [--data DIR] [--out FILE] [--no-warmup]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: 'full' },
      runs: { type: 'string', default: '3' },
      workers: { type: 'string', default: '2' },
      only: { type: 'string', default: PARTS.join(',') },
      cases: { type: 'string' },
      contenders: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      'no-warmup': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (o.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (o.size !== 'smoke' && o.size !== 'full') throw new Error(`--size: '${o.size}'; use smoke or full`);
  const runs = Number(o.runs);
  const workers = Number(o.workers);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: '${o.runs}'; use a whole number >= 1 (the issue asks for >= 3)`);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers: '${o.workers}'; use a whole number >= 1`);
  const parts = new Set(o.only!.split(',').map((p) => p.trim()) as Part[]);
  const unknown = [...parts].find((p) => !PARTS.includes(p));
  if (unknown) throw new Error(`--only: unknown part '${unknown}'; use some of ${PARTS.join(', ')}`);
  const list = (s: string | undefined) =>
    s
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const cases = list(o.cases)?.map(caseById) ?? [...CASES];
  const contenders = list(o.contenders)?.map(contenderById) ?? CONTENDERS.filter((c) => c.byDefault);
  // The default report is written only by a complete run: the README and docs quote it.
  const complete = PARTS.every((p) => parts.has(p)) && !o.cases && !o.contenders && runs >= 3;
  const defaultOut = complete ? join(RESULTS, o.size === 'full' ? 'latest.md' : 'smoke.md') : undefined;
  return { size: o.size, runs, workers, parts, cases, contenders, dataDir: o.data, out: o.out ?? defaultOut, warmup: !o['no-warmup'] };
}
