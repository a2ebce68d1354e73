/**
 * Who builds: the app's CLI and its peers, each run as a fresh process on a fresh copy of the
 * dataset, timed from spawn to exit with the peak RSS of its whole process tree. Each prints
 * one JSON line with the time it spent in the build call itself ("in-process").
 */
import { join } from 'node:path';
import { type BenchCase, indexParams } from './cases.js';
import { type AppTimings, parseAppResult } from './app-timings.js';
import { CLI, PEERS, PREV_PIN } from './paths.js';
import { measure, type Measured } from './process-tree.js';
import type { RayHead } from './ray-head.js';
import { NO_WARM_ENGINE_ENV, type WarmEngine } from './warm-engine.js';
import { MERGED_ONLY_WHEN_ASKED } from '../shared/index-types.js';

export interface Tools {
  /** The pinned pylance's Python (the app's engine). */
  python: string;
  prevPython?: string;
  rayPython?: string;
  ray?: RayHead;
  /** The app's warm engine (`lance-index engine start`), for the warm contenders. */
  warm?: WarmEngine;
  versions: { pylance: string; pylancePrev?: string; lancedb: string; lanceRay?: string };
}

export interface RunContext {
  uri: string;
  c: BenchCase;
  /** Workers of the app's parallel build and of lance-ray. */
  workers: number;
  timeoutS: number;
  tools: Tools;
}

export interface RunResult {
  ok: boolean;
  wallS: number;
  peakRssMiB: number;
  /** Seconds in the build call itself (app: train + build + commit phases; floor: the read). */
  inProcessS?: number;
  app?: AppTimings;
  /** recall@10 of the index it built (vector cases; bench/recall.ts), measured after the timed run. */
  recall?: number;
  recallError?: string;
  error?: string;
}

export type Role = 'app' | 'peer' | 'floor';

export interface Contender {
  id: string;
  label: (tools: Tools, workers: number) => string;
  role: Role;
  /** A peer that builds in one process (for the issue's "best single-process peer"). */
  singleProcess?: boolean;
  /** Default set, or only on request with --contenders. */
  byDefault: boolean;
  /** Cases it runs on (all when absent). */
  appliesTo?: (c: BenchCase) => boolean;
  /** undefined when it can run here, else why not (shown in the report). */
  available: (tools: Tools) => string | undefined;
  run: (ctx: RunContext) => Promise<RunResult>;
}

// Read when a contender runs: the run clears this machine's own settings first (bench/machine-env.ts).
const lanceEnv = (): NodeJS.ProcessEnv => ({ ...process.env, LANCE_LOG: 'error' });
// pylance's name for FTS in create_scalar_index and lance-ray.
const pylanceType = (c: BenchCase) => (c.indexType === 'FTS' ? 'INVERTED' : c.indexType);
const isVector = (c: BenchCase) => c.kind === 'vector';
// The case's index parameters as the peers' last argument (JSON, pylance's names); scalar cases
// pass none, so their command lines are as before.
const peerParams = (c: BenchCase) => (isVector(c) ? [JSON.stringify(indexParams(c))] : []);

function failed(m: Measured): string | undefined {
  if (m.timedOut) return `timed out (${m.wallS.toFixed(0)} s)`;
  if (m.code !== 0) return `exit ${m.code ?? m.signal}: ${m.stderrTail.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`;
  return undefined;
}

/** A peer script that prints one JSON line; `key` is its in-process seconds. */
async function peer(
  cmd: string,
  args: string[],
  key: string,
  ctx: RunContext,
  extra: { env?: NodeJS.ProcessEnv; alsoSample?: number[] } = {},
): Promise<RunResult> {
  const m = await measure(cmd, args, { env: extra.env ?? lanceEnv(), alsoSample: extra.alsoSample, timeoutS: ctx.timeoutS });
  const error = failed(m);
  if (error) return { ok: false, wallS: m.wallS, peakRssMiB: m.peakRssMiB, error };
  try {
    const out = JSON.parse(m.stdout.trim().split('\n').pop()!) as Record<string, number>;
    return { ok: true, wallS: m.wallS, peakRssMiB: m.peakRssMiB, inProcessS: out[key] };
  } catch {
    return { ok: false, wallS: m.wallS, peakRssMiB: m.peakRssMiB, error: `no JSON line in its output: ${m.stdout.slice(-200)}` };
  }
}

/** The app's CLI; with `warm`, forking its engine from the warm engine, whose tree is sampled with it. */
async function app(ctx: RunContext, flags: string[], warm = false): Promise<RunResult> {
  const { uri, c } = ctx;
  const params = Object.entries(indexParams(c)).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
  const w = ctx.tools.warm;
  const m = await measure(process.execPath, [CLI, 'build', '--uri', uri, '--column', c.column, '--type', c.indexType, ...params, ...flags, '--json'], {
    timeoutS: ctx.timeoutS,
    env: warm && w ? w.env : { ...process.env, ...NO_WARM_ENGINE_ENV },
    alsoSample: warm && w ? [w.pid] : undefined,
  });
  const parsed = parseAppResult(m.stdout, m.wallS);
  if (!parsed.ok) return { ok: false, wallS: m.wallS, peakRssMiB: m.peakRssMiB, error: failed(m) ?? parsed.error };
  const t = parsed.timings;
  // Training is part of a vector build (pylance's create_index does it inside its call too).
  return { ok: true, wallS: m.wallS, peakRssMiB: m.peakRssMiB, inProcessS: t.trainS + t.buildS + t.commitS, app: t };
}

const always = () => undefined;
const hasWarmEngine = (t: Tools) => (t.warm ? undefined : 'the warm engine did not start (see the start-up error above)');
const isText = (c: BenchCase) => c.kind === 'text';

export const CONTENDERS: readonly Contender[] = [
  {
    id: 'app',
    role: 'app',
    byDefault: true,
    available: always,
    label: (_t, w) => `lance-index, ${w} workers`,
    run: (ctx) => app(ctx, ['--workers', String(ctx.workers)]),
  },
  {
    id: 'app-1',
    role: 'app',
    byDefault: true,
    available: always,
    label: () => 'lance-index, 1 worker',
    run: (ctx) => app(ctx, ['--workers', '1']),
  },
  {
    // The issue's automatic worker count: the default when --workers is omitted.
    id: 'app-auto',
    role: 'app',
    byDefault: true,
    available: always,
    label: () => 'lance-index, --workers omitted',
    run: (ctx) => app(ctx, []),
  },
  {
    // Rows forced where the default balances text by bytes: what balancing by bytes buys.
    id: 'app-by-rows',
    role: 'app',
    byDefault: true,
    available: always,
    appliesTo: isText,
    label: (_t, w) => `lance-index, ${w} workers, --balance-by rows`,
    run: (ctx) => app(ctx, ['--workers', String(ctx.workers), '--balance-by', 'rows']),
  },
  {
    // Like for like with lance-ray 0.5.0, which commits its batches' FTS segments unmerged
    // (create_index_uncommitted + commit_existing_index_segments): the app's default merges them.
    id: 'app-no-merge',
    role: 'app',
    byDefault: true,
    available: always,
    appliesTo: (c) => c.indexType === 'FTS',
    label: (_t, w) => `lance-index, ${w} workers, --no-merge-segments`,
    run: (ctx) => app(ctx, ['--workers', String(ctx.workers), '--no-merge-segments']),
  },
  {
    // BTREE commits one segment per batch by default (queries are as fast): what merging would cost.
    id: 'app-merge',
    role: 'app',
    byDefault: true,
    available: always,
    appliesTo: (c) => MERGED_ONLY_WHEN_ASKED.includes(c.indexType),
    label: (_t, w) => `lance-index, ${w} workers, --merge-segments`,
    run: (ctx) => app(ctx, ['--workers', String(ctx.workers), '--merge-segments']),
  },
  {
    // The same CLI build, its engine forked from a warm engine (`lance-index engine start`)
    // instead of a Python started and importing pylance for it.
    id: 'app-warm',
    role: 'app',
    byDefault: true,
    available: hasWarmEngine,
    label: (_t, w) => `lance-index, ${w} workers, warm engine`,
    run: (ctx) => app(ctx, ['--workers', String(ctx.workers)], true),
  },
  {
    id: 'app-auto-warm',
    role: 'app',
    byDefault: true,
    available: hasWarmEngine,
    label: () => 'lance-index, --workers omitted, warm engine',
    run: (ctx) => app(ctx, [], true),
  },
  {
    id: 'pylance',
    role: 'peer',
    singleProcess: true,
    byDefault: true,
    available: always,
    label: (t) => `pylance ${t.versions.pylance}`,
    run: (ctx) => peer(ctx.tools.python, [join(PEERS, 'pylance-build.py'), ctx.uri, ctx.c.column, pylanceType(ctx.c), ...peerParams(ctx.c)], 'build_s', ctx),
  },
  {
    id: 'pylance-prev',
    role: 'peer',
    singleProcess: true,
    byDefault: true,
    available: (t) => (t.prevPython ? undefined : '.venv-prev is missing (bash scripts/setup.sh with WITH_TEST_DEPS=1 makes it)'),
    label: (t) => `pylance ${t.versions.pylancePrev ?? `(${PREV_PIN})`}`,
    run: (ctx) =>
      peer(ctx.tools.prevPython!, [join(PEERS, 'pylance-build.py'), ctx.uri, ctx.c.column, pylanceType(ctx.c), ...peerParams(ctx.c)], 'build_s', ctx),
  },
  {
    id: 'lancedb',
    role: 'peer',
    singleProcess: true,
    byDefault: true,
    available: always,
    label: (t) => `@lancedb/lancedb ${t.versions.lancedb} createIndex`,
    run: (ctx) => peer(process.execPath, [join(PEERS, 'lancedb-build.mjs'), ctx.uri, ctx.c.column, ctx.c.indexType, ...peerParams(ctx.c)], 'build_s', ctx),
  },
  {
    id: 'lance-ray',
    role: 'peer',
    byDefault: true,
    // Its create_scalar_index is what the benchmark compares; vector indices are issue 14's, against single-process builds.
    appliesTo: (c) => !isVector(c),
    available: (t) => (t.ray && t.rayPython ? undefined : 'no local Ray (see the start-up error above)'),
    label: (t, w) => `lance-ray ${t.versions.lanceRay ?? ''}, ${w} workers (local Ray)`,
    run: (ctx) => {
      const ray = ctx.tools.ray!;
      // Its workers are the Ray node's children: the node's tree is sampled with the driver's.
      return peer(ctx.tools.rayPython!, [join(PEERS, 'lance-ray-build.py'), ctx.uri, ctx.c.column, pylanceType(ctx.c), String(ctx.workers)], 'build_s', ctx, {
        env: { ...ray.env, BENCH_RAY_GCS: ray.gcsAddress },
        alsoSample: [ray.pid],
      });
    },
  },
  {
    id: 'floor',
    role: 'floor',
    byDefault: true,
    available: always,
    label: (t) => `floor: read the column once (pylance ${t.versions.pylance})`,
    run: (ctx) => peer(ctx.tools.python, [join(PEERS, 'read-column.py'), ctx.uri, ctx.c.column], 'read_s', ctx),
  },
];

export function contenderById(id: string): Contender {
  const c = CONTENDERS.find((x) => x.id === id);
  if (!c) throw new Error(`--contenders: unknown contender '${id}'; use some of ${CONTENDERS.map((x) => x.id).join(', ')}`);
  return c;
}
