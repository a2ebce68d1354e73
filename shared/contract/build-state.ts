/**
 * The whole state of one build, folded from its events. The core publishes it so a window that
 * opens late can catch up; the renderer folds the same events with the same function.
 */
import * as z from 'zod';
import { BuildResultSchema, EngineRefSchema, NodeRefSchema, PHASES, PlanSchema, VectorModelSummarySchema, type BuildEvent, type Phase } from './build.js';
import { phasesFraction } from '../build-progress.js';

export const BatchStateSchema = z.object({
  batch: z.number().int(),
  worker: z.number().int(),
  fragmentIds: z.array(z.number().int()),
  rows: z.number(),
  /** 'cancelled': it was queued or running when the build was cancelled. */
  state: z.enum(['queued', 'running', 'retrying', 'done', 'failed', 'cancelled']),
  attempt: z.number().int(),
  stage: z.string().nullable(),
  /** How far this attempt is (never lower than before within it); null while pylance gives no measure. */
  fraction: z.number().nullable(),
  /** ms since the build's start: queued, this attempt started, ended (done, failed for good, cancelled). */
  queuedAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Time between being queued and its first start: waiting for a free worker or CPU. */
  waitedMs: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  error: z.string().nullable(),
  /** The Ray node running (or that last ran) the batch; null on the local engine. */
  node: NodeRefSchema.nullable(),
  /** Its worker process's CPU (100 = one core) and memory, while it runs (local engine only). */
  cpuPercent: z.number().nullable(),
  rssBytes: z.number().nullable(),
});
export type BatchState = z.infer<typeof BatchStateSchema>;

/** 'skipped': the phase doesn't apply to this build (train, for scalar indices). */
export const PhaseStateSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export const BuildStateSchema = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  phases: z.record(z.string(), PhaseStateSchema),
  phaseMs: z.record(z.string(), z.number()),
  plan: PlanSchema.nullable(),
  indexName: z.string().nullable(),
  readVersion: z.number().int().nullable(),
  engine: EngineRefSchema.nullable(),
  batches: z.array(BatchStateSchema),
  /** The build's one progress number, 0..1: it never goes backwards (see shared/build-progress.ts). */
  progress: z.number(),
  /** How many batches can run at once, and why; null until the engine says. */
  concurrency: z.object({ atOnce: z.number().int(), reason: z.string() }).nullable(),
  /** Vector builds: the train phase's stage and how far it is, then the model it produced. */
  train: z.object({ stage: z.string(), fraction: z.number().nullable() }).nullable().default(null),
  model: VectorModelSummarySchema.nullable().default(null),
  logs: z.array(z.object({ level: z.string(), message: z.string() })),
  result: BuildResultSchema.nullable(),
  updatedAt: z.number(),
});
export type BuildState = z.infer<typeof BuildStateSchema>;

export function initialBuildState(jobId: string): BuildState {
  return {
    jobId,
    status: 'running',
    phases: Object.fromEntries(PHASES.map((p) => [p, 'pending'])) as Record<Phase, 'pending'>,
    phaseMs: {},
    plan: null,
    indexName: null,
    readVersion: null,
    engine: null,
    batches: [],
    progress: 0,
    concurrency: null,
    train: null,
    model: null,
    logs: [],
    result: null,
    updatedAt: 0,
  };
}

/** Pure: returns a new state; never mutates the old one (React and zustand rely on that). */
export function applyBuildEvent(state: BuildState, e: BuildEvent): BuildState {
  const next = foldEvent(state, e);
  next.progress = next.status === 'succeeded' ? 1 : Math.max(state.progress, phasesFraction(next.phases, next.batches));
  return next;
}

function foldEvent(state: BuildState, e: BuildEvent): BuildState {
  const next: BuildState = { ...state, updatedAt: e.t };
  const patchBatch = (batch: number, patch: (b: BatchState) => Partial<BatchState>) => {
    next.batches = state.batches.map((b) => (b.batch === batch ? { ...b, ...patch(b) } : b));
  };
  switch (e.type) {
    case 'phase':
      next.phases = { ...state.phases, [e.phase]: e.state === 'started' ? 'running' : e.state };
      if (e.elapsedMs !== undefined) next.phaseMs = { ...state.phaseMs, [e.phase]: e.elapsedMs };
      break;
    case 'plan':
      next.plan = e.plan;
      next.indexName = e.indexName;
      next.readVersion = e.readVersion;
      break;
    case 'batch-queued':
      next.batches = [
        ...state.batches.filter((b) => b.batch !== e.batch),
        {
          batch: e.batch,
          worker: e.worker,
          fragmentIds: e.fragmentIds,
          rows: e.rows,
          state: 'queued' as const,
          attempt: 0,
          stage: null,
          fraction: null,
          queuedAt: e.t,
          startedAt: null,
          endedAt: null,
          waitedMs: null,
          elapsedMs: null,
          error: null,
          node: null,
          cpuPercent: null,
          rssBytes: null,
        },
      ].sort((a, b) => a.batch - b.batch);
      break;
    case 'engine':
      next.engine = e.engine;
      break;
    case 'concurrency':
      next.concurrency = { atOnce: e.atOnce, reason: e.reason };
      break;
    case 'train-progress':
      next.train = { stage: e.stage, fraction: e.fraction };
      break;
    case 'model':
      next.model = e.model;
      break;
    case 'batch-started':
      patchBatch(e.batch, (b) => ({
        state: 'running',
        worker: e.worker,
        attempt: e.attempt,
        startedAt: e.t,
        fraction: null,
        stage: null,
        node: e.node ?? null,
        waitedMs: b.waitedMs ?? Math.max(0, e.t - (b.queuedAt ?? e.t)),
        cpuPercent: null,
        rssBytes: null,
      }));
      break;
    case 'batch-progress':
      // A new stage may start its own count from 0; within one attempt the batch never goes back.
      patchBatch(e.batch, (b) => ({ stage: e.stage, fraction: e.fraction === null ? b.fraction : Math.max(b.fraction ?? 0, e.fraction) }));
      break;
    case 'batch-resources':
      patchBatch(e.batch, () => ({ cpuPercent: e.cpuPercent, rssBytes: e.rssBytes }));
      break;
    case 'batch-done':
      patchBatch(e.batch, () => ({ state: 'done', fraction: 1, elapsedMs: e.elapsedMs, endedAt: e.t, error: null, cpuPercent: null, rssBytes: null }));
      break;
    case 'batch-failed':
      patchBatch(e.batch, () => ({
        state: e.willRetry ? 'retrying' : 'failed',
        error: e.error,
        cpuPercent: null,
        rssBytes: null,
        ...(e.willRetry ? {} : { endedAt: e.t }),
      }));
      break;
    case 'log':
      next.logs = [...state.logs.slice(-199), { level: e.level, message: e.message }];
      break;
    case 'result':
      next.result = e.result;
      next.status = e.result.ok ? 'succeeded' : e.result.error?.kind === 'cancelled' ? 'cancelled' : 'failed';
      if (next.status === 'cancelled') {
        // Batches still queued or running were stopped by the cancel, not left running.
        next.batches = state.batches.map((b) =>
          b.state === 'done' || b.state === 'failed' ? b : { ...b, state: 'cancelled' as const, endedAt: e.t, cpuPercent: null, rssBytes: null },
        );
      }
      break;
  }
  return next;
}
