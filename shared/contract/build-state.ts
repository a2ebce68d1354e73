/**
 * The whole state of one build, folded from its events. The core publishes it so a window that
 * opens late can catch up; the renderer folds the same events with the same function.
 */
import { z } from 'zod';
import { BuildResultSchema, PHASES, PlanSchema, type BuildEvent, type Phase } from './build.js';

export const BatchStateSchema = z.object({
  batch: z.number().int(),
  worker: z.number().int(),
  fragmentIds: z.array(z.number().int()),
  rows: z.number(),
  state: z.enum(['queued', 'running', 'retrying', 'done', 'failed']),
  attempt: z.number().int(),
  stage: z.string().nullable(),
  fraction: z.number().nullable(),
  startedAt: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type BatchState = z.infer<typeof BatchStateSchema>;

export const PhaseStateSchema = z.enum(['pending', 'running', 'done', 'failed']);
export const BuildStateSchema = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  phases: z.record(z.string(), PhaseStateSchema),
  phaseMs: z.record(z.string(), z.number()),
  plan: PlanSchema.nullable(),
  indexName: z.string().nullable(),
  readVersion: z.number().int().nullable(),
  batches: z.array(BatchStateSchema),
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
    batches: [],
    logs: [],
    result: null,
    updatedAt: 0,
  };
}

/** Pure: returns a new state; never mutates the old one (React and zustand rely on that). */
export function applyBuildEvent(state: BuildState, e: BuildEvent): BuildState {
  const next: BuildState = { ...state, updatedAt: e.t };
  const patchBatch = (batch: number, patch: Partial<BatchState>) => {
    next.batches = state.batches.map((b) => (b.batch === batch ? { ...b, ...patch } : b));
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
        { batch: e.batch, worker: e.worker, fragmentIds: e.fragmentIds, rows: e.rows, state: 'queued' as const, attempt: 0,
          stage: null, fraction: null, startedAt: null, elapsedMs: null, error: null },
      ].sort((a, b) => a.batch - b.batch);
      break;
    case 'batch-started':
      patchBatch(e.batch, { state: 'running', worker: e.worker, attempt: e.attempt, startedAt: e.t, fraction: 0, stage: null });
      break;
    case 'batch-progress':
      patchBatch(e.batch, { stage: e.stage, fraction: e.fraction });
      break;
    case 'batch-done':
      patchBatch(e.batch, { state: 'done', fraction: 1, elapsedMs: e.elapsedMs, error: null });
      break;
    case 'batch-failed':
      patchBatch(e.batch, { state: e.willRetry ? 'retrying' : 'failed', error: e.error });
      break;
    case 'log':
      next.logs = [...state.logs.slice(-199), { level: e.level, message: e.message }];
      break;
    case 'result':
      next.result = e.result;
      next.status = e.result.ok ? 'succeeded' : e.result.error?.kind === 'cancelled' ? 'cancelled' : 'failed';
      break;
  }
  return next;
}
