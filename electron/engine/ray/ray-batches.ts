/**
 * A build's batches as one Ray job: the job's events become the same build events the local pool
 * emits (started on a node, progress, done, failed and retried), and its end becomes one result
 * per batch. Ray schedules and queues; the job's driver retries (lance_engine/ray_batches.py).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { StudioError } from '../engine-errors.js';
import type { ErrorKind, NodeRef } from '@shared/contract/build.js';
import { CALLER_CHOSEN_UUID_TYPES } from '@shared/engine-facts.js';
import type { BatchRunContext, BatchRunResult, BatchSuccess, BatchTask, BatchesRun, PlannedBatch } from '../engine.js';
import { progressFraction } from '../batch-progress.js';
import { batchToWire } from '../wire.js';
import { REPLIES, fitReply } from '../engine-replies.js';
import type { RayClient } from './ray-client.js';
import { runRayJob, type JobEvent } from './ray-job.js';


export interface RayBatchesOptions {
  pip?: boolean;
  engineDir?: string;
  onSubmitted?: (submissionId: string) => void;
}

interface BatchTrack {
  planned: PlannedBatch;
  firstStart?: number;
  attempts: number;
  node?: NodeRef;
  errors: string[];
  /** Folder names its attempts may write: chosen here before the job starts, or named by pylance when it is done. */
  mayHaveWritten: string[];
  /** An attempt of it failed while pylance may have been writing. */
  stoppedMidBuild: boolean;
  result?: Pick<BatchRunResult, 'outcome' | 'success'>;
}

/** When the driver printed the event (ms): batches are timed by the cluster's clock, not by when the log arrived. */
function driverClock(e: JobEvent): number {
  return typeof e.ts === 'number' ? e.ts * 1000 : performance.now();
}

export async function runBatchesOnRay(
  client: RayClient,
  ctx: BatchRunContext,
  batches: PlannedBatch[],
  common: Omit<BatchTask, 'fragmentIds'>,
  opts: RayBatchesOptions = {},
): Promise<BatchesRun> {
  const tracks = new Map<number, BatchTrack>(batches.map((b) => [b.batch, { planned: b, attempts: 0, errors: [], mayHaveWritten: [], stoppedMidBuild: false }]));
  // Every attempt's folder name is chosen here, before the job starts, where pylance lets the
  // caller choose it: whatever happens to the job, the app knows what it may have written.
  const chooseUuids = common.workflow === 'segments' && CALLER_CHOSEN_UUID_TYPES.has(common.indexType);
  const spec = {
    kind: 'build' as const,
    retries: ctx.retries,
    timeout_s: ctx.timeoutMs ? ctx.timeoutMs / 1000 : null,
    batches: batches.map((b) => {
      const uuids = chooseUuids ? Array.from({ length: ctx.retries + 1 }, () => randomUUID()) : [];
      tracks.get(b.batch)!.mayHaveWritten.push(...uuids);
      return { batch: b.batch, params: batchToWire({ ...common, fragmentIds: b.fragmentIds }), segment_uuids: uuids };
    }),
  };

  const onEvent = (e: JobEvent) => {
    const track = typeof e.batch === 'number' ? tracks.get(e.batch) : undefined;
    if (!track) return;
    const { batch, worker, rows, fragmentIds } = track.planned;
    const node = typeof e.node_id === 'string' ? { id: e.node_id, ip: String(e.node_ip ?? track.node?.ip ?? '') } : track.node;
    switch (e.type) {
      case 'batch-started':
        track.firstStart ??= driverClock(e);
        track.attempts = Number(e.attempt);
        track.node = node;
        ctx.emit({ type: 'batch-started', batch, worker, attempt: track.attempts, pid: Number(e.pid), node });
        break;
      case 'batch-progress': {
        const p = { stage: String(e.stage), completed: Number(e.completed), total: e.total == null ? null : Number(e.total) };
        ctx.emit({ type: 'batch-progress', batch, worker, ...p, fraction: progressFraction(p, rows) });
        break;
      }
      case 'batch-done': {
        const r = fitReply('build_batch', REPLIES.build_batch, e.result);
        const elapsedMs = driverClock(e) - (track.firstStart ?? driverClock(e));
        const model = r.model_id ? { modelId: r.model_id } : {};
        const success: BatchSuccess = { status: 'success', fragmentIds: r.fragment_ids, fields: r.fields, uuid: r.uuid, segment: r.segment, worker, ...model };
        if (!track.mayHaveWritten.includes(r.uuid)) track.mayHaveWritten.push(r.uuid);
        ctx.emit({ type: 'batch-done', batch, worker, elapsedMs, uuid: r.uuid, node, ...model });
        track.result = { outcome: { batch, worker, fragmentIds, rows, attempts: Number(e.attempt), elapsedMs, uuid: r.uuid, node, ...model }, success };
        break;
      }
      case 'batch-failed': {
        const message = String(e.message);
        const attempt = Number(e.attempt);
        const willRetry = Boolean(e.will_retry);
        if (e.kind !== 'input') track.stoppedMidBuild = true;
        track.errors.push(ctx.retries > 0 ? `attempt ${attempt}${node ? ` on node ${node.ip} (${node.id.slice(0, 8)})` : ''}: ${message}` : message);
        ctx.emit({ type: 'batch-failed', batch, worker, attempt, error: message, willRetry, node });
        if (!willRetry) {
          const elapsedMs = driverClock(e) - (track.firstStart ?? driverClock(e));
          track.result = { outcome: { batch, worker, fragmentIds, rows, attempts: attempt, elapsedMs, error: track.errors.join('; '), node } };
        }
        break;
      }
    }
  };

  const outcome = await runRayJob(client, { spec, onEvent, signal: ctx.signal, pip: opts.pip, engineDir: opts.engineDir, onSubmitted: opts.onSubmitted });
  if (outcome.info.status !== 'SUCCEEDED') await waitForTasksToEnd(client, outcome.info.job_id, ctx);
  // Each batch's own account, whatever became of the job; `stopped` when the job ended under it.
  const resultOf = (b: PlannedBatch, stopped: boolean, fallback: BatchRunResult['outcome']): BatchRunResult => {
    const t = tracks.get(b.batch)!;
    return { ...(t.result ?? { outcome: fallback }), mayHaveWritten: t.mayHaveWritten, stoppedMidBuild: t.stoppedMidBuild || (stopped && !t.result) };
  };
  if (ctx.signal.aborted) return { batches: batches.map((b) => resultOf(b, true, undefined)) };
  if (outcome.error && !outcome.events.some((e) => e.type === 'build-finished')) {
    // The driver refused (e.g. another pylance on the cluster) or died: not one batch's fault.
    const failure = new StudioError(outcome.error.message, (outcome.error.kind as ErrorKind) ?? 'engine');
    return { batches: batches.map((b) => resultOf(b, true, undefined)), failure };
  }
  // A batch the job never reported on: if the job failed, its task may have been writing when it ended.
  const why = `the Ray job ended (${outcome.info.status}) before this batch did`;
  return {
    batches: batches.map((b) => {
      const t = tracks.get(b.batch)!;
      return resultOf(b, outcome.info.status !== 'SUCCEEDED', { batch: b.batch, worker: b.worker, fragmentIds: b.fragmentIds, rows: b.rows, attempts: t.attempts, elapsedMs: 0, error: why, node: t.node });
    }),
  };
}

/** How long a stopped job's tasks may take to be reported ended before cleanup goes ahead anyway. */
const TASKS_END_TIMEOUT_MS = 30_000;

/**
 * A stopped or failed job's driver is gone, but Ray ends its tasks a moment later; the build's
 * folders are removed only once no task can still be writing into them.
 */
async function waitForTasksToEnd(client: RayClient, jobId: string | null, ctx: BatchRunContext): Promise<void> {
  if (!jobId) return; // the driver never started: no task ran
  const deadline = performance.now() + TASKS_END_TIMEOUT_MS;
  try {
    for (;;) {
      const left = await client.unfinishedTasks(jobId);
      if (left.length === 0) return;
      if (performance.now() > deadline) {
        ctx.emit({ type: 'log', level: 'warn', message: `Ray still reports ${left.length} task(s) of job ${jobId} as ${left[0].state} after ${TASKS_END_TIMEOUT_MS / 1000} s; cleaning up anyway.` });
        return;
      }
      await delay(250);
    }
  } catch (err) {
    ctx.emit({ type: 'log', level: 'warn', message: `Could not ask Ray whether job ${jobId}'s tasks have ended (${(err as Error).message}); cleaning up anyway.` });
  }
}
