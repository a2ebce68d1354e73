/**
 * One batch of a local build, with retries: each attempt on another worker when there is one; a
 * worker that dies mid-batch fails the attempt at once (its process exit rejects the call).
 */
import { randomUUID } from 'node:crypto';
import type { BatchHooks, BatchRunContext, BatchRunResult, BatchSuccess, BatchTask, PlannedBatch } from '../engine.js';
import { progressFraction } from '../batch-progress.js';
import { RetryableError, errorKind, errorMessage } from '../engine-errors.js';
import { CALLER_CHOSEN_UUID_TYPES } from '@shared/engine-facts.js';

export interface BatchBuilder {
  buildBatch(task: BatchTask, hooks?: BatchHooks): Promise<BatchSuccess>;
}

export async function runBatch(
  builder: BatchBuilder,
  ctx: BatchRunContext & { maxWorkers: number; group: object },
  { batch, fragmentIds, rows }: PlannedBatch,
  common: Omit<BatchTask, 'fragmentIds'>,
): Promise<BatchRunResult> {
  const retries = ctx.retries;
  const errors: string[] = [];
  const mayHaveWritten: string[] = [];
  let stoppedMidBuild = false;
  let lastWorker: number | undefined;
  // A batch's time is from its first start: the wait for a free worker is not its time.
  const queued = performance.now();
  let started: number | undefined;
  const elapsed = () => performance.now() - (started ?? queued);
  const failed = (worker: number, attempts: number): BatchRunResult => ({
    outcome: { batch, worker, fragmentIds, rows, attempts, elapsedMs: elapsed(), error: errors.join('; ') },
    mayHaveWritten,
    stoppedMidBuild,
  });
  const cancelled = (): BatchRunResult => ({ mayHaveWritten, stoppedMidBuild });
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (ctx.signal.aborted) return cancelled();
    // Named here where pylance takes the caller's name (as on Ray): a name it would ignore would
    // only be a folder that never exists, for the cleanup to look for.
    const segmentUuid = common.workflow === 'segments' && CALLER_CHOSEN_UUID_TYPES.has(common.indexType) ? randomUUID() : undefined;
    if (segmentUuid) mayHaveWritten.push(segmentUuid);
    let worker = lastWorker ?? -1;
    try {
      const ok = await builder.buildBatch({ ...common, fragmentIds, segmentUuid }, {
        maxWorkers: ctx.maxWorkers,
        group: ctx.group,
        avoidWorker: lastWorker,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        onStart: (w, pid) => {
          started ??= performance.now();
          worker = w;
          ctx.emit({ type: 'batch-started', batch, worker: w, attempt, pid });
        },
        onProgress: (p) =>
          ctx.emit({ type: 'batch-progress', batch, worker, stage: p.stage, completed: p.completed, total: p.total ?? null, fraction: progressFraction(p, rows) }),
        onResources: (r) => ctx.emit({ type: 'batch-resources', batch, worker, ...r }),
      });
      // pylance named the folder itself (the types that don't take a caller's uuid).
      if (!mayHaveWritten.includes(ok.uuid)) mayHaveWritten.push(ok.uuid);
      const elapsedMs = elapsed();
      const model = ok.modelId ? { modelId: ok.modelId } : {};
      ctx.emit({ type: 'batch-done', batch, worker: ok.worker, elapsedMs, uuid: ok.uuid, ...model });
      return { outcome: { batch, worker: ok.worker, fragmentIds, rows, attempts: attempt, elapsedMs, uuid: ok.uuid, ...model }, success: ok, mayHaveWritten, stoppedMidBuild };
    } catch (err) {
      if (ctx.signal.aborted || err instanceof RetryableError || errorKind(err) === 'build') stoppedMidBuild = true;
      worker = (err as { worker?: number }).worker ?? worker;
      if (ctx.signal.aborted) return cancelled();
      lastWorker = worker;
      const message = errorMessage(err);
      errors.push(retries > 0 ? `attempt ${attempt} on worker ${worker}: ${message}` : message);
      // Only what may end differently is tried again: a crash, a kill, a timeout, a storage error.
      const willRetry = attempt <= retries && err instanceof RetryableError;
      ctx.emit({ type: 'batch-failed', batch, worker, attempt, error: message, willRetry });
      if (!willRetry) return failed(worker, attempt);
    }
  }
  return failed(lastWorker ?? -1, retries + 1);
}
