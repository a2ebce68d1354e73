/**
 * One batch of a build, with retries: each attempt on another worker when there is one; a worker
 * that dies mid-batch fails the attempt at once (its process exit rejects the call).
 */
import { randomUUID } from 'node:crypto';
import type { BatchOutcome, BuildEventInput } from '@shared/contract/build.js';
import type { BatchSuccess, BatchTask, IndexEngine } from '@engine/engine.js';
import { WorkerDiedError, errorKind, errorMessage } from './engine-errors.js';

export interface BatchContext {
  engine: IndexEngine;
  emit: (e: BuildEventInput) => void;
  signal: AbortSignal;
  retries: number;
  timeoutMs: number | undefined;
  maxWorkers: number;
  /** Folder names this build may have written; every attempt adds its own. */
  written: Set<string>;
  outcomes: BatchOutcome[];
  /** An attempt was stopped while pylance was writing (killed, timed out, cancelled). */
  onStoppedMidBuild: () => void;
}

export async function runBatch(
ctx: BatchContext,
{ batch, fragmentIds, rows }: { batch: number; fragmentIds: number[]; rows: number },
common: Omit<BatchTask, 'fragmentIds'>,
): Promise<BatchSuccess | undefined> {
  const retries = ctx.retries;
  const errors: string[] = [];
  let lastWorker: number | undefined;
  const started = performance.now();
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (ctx.signal.aborted) return undefined;
    const segmentUuid = common.workflow === 'segments' ? randomUUID() : undefined;
    if (segmentUuid) ctx.written.add(segmentUuid);
    let worker = lastWorker ?? -1;
    try {
      const ok = await ctx.engine.buildBatch({ ...common, fragmentIds, segmentUuid }, {
        maxWorkers: ctx.maxWorkers,
        avoidWorker: lastWorker,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        onStart: (w, pid) => {
          worker = w;
          ctx.emit({ type: 'batch-started', batch, worker: w, attempt, pid });
        },
        onProgress: (p) =>
          ctx.emit({
            type: 'batch-progress', batch, worker, stage: p.stage, completed: p.completed, total: p.total ?? null,
            fraction: p.total ? Math.min(1, p.completed / p.total) : rows > 0 && p.stage === 'tokenize_docs' ? Math.min(1, p.completed / rows) : null,
          }),
      });
      if (segmentUuid && ok.uuid !== segmentUuid) {
        ctx.written.delete(segmentUuid);
        ctx.written.add(ok.uuid);
      }
      const elapsedMs = performance.now() - started;
      ctx.emit({ type: 'batch-done', batch, worker: ok.worker, elapsedMs, uuid: ok.uuid });
      ctx.outcomes.push({ batch, worker: ok.worker, fragmentIds, rows, attempts: attempt, elapsedMs, uuid: ok.uuid });
      return ok;
    } catch (err) {
      if (ctx.signal.aborted || err instanceof WorkerDiedError || errorKind(err) === 'build') ctx.onStoppedMidBuild();
      if (ctx.signal.aborted) return undefined;
      worker = (err as { worker?: number }).worker ?? worker;
      lastWorker = worker;
      const message = errorMessage(err);
      errors.push(retries > 0 ? `attempt ${attempt} on worker ${worker}: ${message}` : message);
      // Bad input (e.g. a fragment that vanished) fails the same way on every worker.
      const willRetry = attempt <= retries && errorKind(err) !== 'input';
      ctx.emit({ type: 'batch-failed', batch, worker, attempt, error: message, willRetry });
      if (!willRetry) {
        ctx.outcomes.push({ batch, worker, fragmentIds, rows, attempts: attempt, elapsedMs: performance.now() - started, error: errors.join('; ') });
        return undefined;
      }
    }
  }
  return undefined;
}
