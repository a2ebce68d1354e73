/**
 * Where the app's time goes, from `lance-index build --json`: its last line is the result, with
 * `timingsMs` per phase and each batch's `elapsedMs`. What the result can't see (Node starting,
 * loading the CLI, exiting) is the process's wall time minus the result's total.
 */
export interface AppTimings {
  /** Wall time outside the coordinator: process start, module load, exit. */
  startupS: number;
  validateS: number;
  /** Within validate: the first engine process ready (Python + pylance imported). */
  engineStartS: number;
  /** Within validate: reading the dataset's description. */
  describeS: number;
  planS: number;
  /** Vector types: training the shared IVF (and PQ) model once, before the batches. */
  trainS: number;
  /** The build phase: the slowest batch plus waiting for workers and dispatch. */
  buildS: number;
  slowestBatchS: number;
  /** The busiest worker's batches end to end: the slowest batch when each worker runs one, all of a worker's rounds when it runs several. */
  busiestWorkerS: number;
  /** Merging segments (when on) and Lance's commit. */
  commitS: number;
  verifyS: number;
  /** Within verify: @lancedb/lancedb opening the index (the rest is pylance's check). */
  lancedbCheckS: number;
  /** Everything but the busiest worker's batches: what a build of no data would still cost. */
  fixedOverheadS: number;
  /** Batches the plan ran (one segment each). */
  batches: number;
  /** Workers that ran them (as many at once as there were CPUs). */
  workers: number;
  /** Largest batch's share of the total rows, over the ideal share (1 = perfectly even). */
  makespanRatio?: number;
  /** rows or bytes (plan.balancedBy; absent from CLIs older than --balance-by). */
  balancedBy?: string;
}

interface CliResult {
  ok: boolean;
  error?: { kind?: string; message?: string };
  timingsMs?: Record<string, number>;
  batches?: Array<{ elapsedMs: number; worker?: number }>;
  plan?: { workers: unknown[]; makespanRatio?: number; balancedBy?: string };
  verification?: { ok: boolean; problems?: string[] };
}

export type AppOutcome = { ok: true; timings: AppTimings } | { ok: false; error: string };

export function parseAppResult(stdout: string, wallS: number): AppOutcome {
  const last = stdout.trim().split('\n').pop() ?? '';
  let result: CliResult;
  try {
    result = (JSON.parse(last) as { result: CliResult }).result;
  } catch {
    return { ok: false, error: `no result line in the CLI's output (${last.slice(0, 200) || 'empty'})` };
  }
  if (!result?.ok) return { ok: false, error: `build failed: ${result?.error?.message ?? 'no message'}` };
  if (result.verification && !result.verification.ok) return { ok: false, error: `verification failed: ${result.verification.problems?.join('; ')}` };
  const ms = result.timingsMs ?? {};
  const s = (k: string) => (ms[k] ?? 0) / 1000;
  const batches = result.batches ?? [];
  const slowestBatchS = Math.max(0, ...batches.map((b) => b.elapsedMs / 1000));
  const perWorker = new Map<number, number>();
  for (const b of batches) {
    const w = b.worker ?? -1; // a CLI that names no worker: one
    perWorker.set(w, (perWorker.get(w) ?? 0) + b.elapsedMs / 1000);
  }
  const busiestWorkerS = Math.max(0, ...perWorker.values());
  return {
    ok: true,
    timings: {
      startupS: Math.max(0, wallS - s('total')),
      validateS: s('validate'),
      engineStartS: s('validate.engineStart'),
      describeS: s('validate.describe'),
      planS: s('plan'),
      trainS: s('train'),
      buildS: s('build'),
      slowestBatchS,
      busiestWorkerS,
      commitS: s('commit'),
      verifyS: s('verify'),
      lancedbCheckS: s('verify.lancedb'),
      fixedOverheadS: wallS - busiestWorkerS,
      batches: result.batches?.length ?? result.plan?.workers.length ?? 0,
      workers: perWorker.size,
      makespanRatio: result.plan?.makespanRatio,
      balancedBy: result.plan?.balancedBy,
    },
  };
}
