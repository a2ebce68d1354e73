/** The engine that runs batches on a pool of pylance processes on this machine. */
import { availableParallelism } from 'node:os';
import { WorkerPool } from './local/worker-pool.js';
import { PythonLauncher, type ProcessLauncher } from './local/process-launcher.js';
import { RetryableError, StudioError, WorkerDiedError, errorMessage } from './engine-errors.js';
import { runBatch } from './local/batch-runner.js';
import type { ProcessInfo } from './local/worker-slot.js';
import { watchProcess } from './local/process-resources.js';
import type {
  BatchHooks, BatchRunContext, BatchesRun, BatchSuccess, BatchTask, EngineInfo, IndexEngine, PlannedBatch,
} from './engine.js';
import { MIN_PYLANCE, SETUP_COMMAND, compareVersions } from './python-env.js';
import { pinnedPylance } from './pins.js';
import { batchToWire } from './wire.js';
import { EngineMethods, requestCancelled, requestTimedOut, type RequestOptions } from './engine-methods.js';
import { REPLIES, fitReply } from './engine-replies.js';


/** Starts of the first worker before a failure counts as the answer. */
const START_ATTEMPTS = 3;
/** Attempts of a repeatable request whose worker died under it. */
const CALL_ATTEMPTS = 3;
/**
 * Requests that may be asked again after their worker died: those that only read, and the
 * removals, which re-read the versions and remove only unreferenced folders, so a second run
 * removes what the first one didn't get to. (A cancel kills its build's workers; the cleanup
 * that follows must not fail because it met one of them on its way out.)
 */
const REPEATABLE_METHODS: ReadonlySet<string> = new Set([
  'describe', 'verify', 'list_index_dirs', 'find_orphans', 'preview_rows', 'query', 'discard', 'remove_orphans',
]);

export class LocalEngine extends EngineMethods implements IndexEngine {
  readonly pool: WorkerPool;
  readonly ref = { kind: 'local' } as const;
  private checked: Promise<EngineInfo> | undefined;

  readonly startsQuickly: boolean;

  constructor(launcher: ProcessLauncher = new PythonLauncher()) {
    super();
    this.pool = new WorkerPool(launcher);
    this.startsQuickly = launcher.startsQuickly === true;
  }

  /** Starts the first worker and refuses a pylance too old for fragment-level builds. */
  info(): Promise<EngineInfo> {
    this.checked ??= this.startFirstWorker().then(
      (i) => {
        if (compareVersions(i.pylance, MIN_PYLANCE) < 0) {
          throw new StudioError(
            `pylance ${i.pylance} is too old: building an index over chosen fragments needs pylance >= ${MIN_PYLANCE}. ` +
              `Run \`${SETUP_COMMAND}\` (a venv with the pinned version in the per-user data folder), or: pip install 'pylance==${pinnedPylance()}'.`,
            'engine',
          );
        }
        return { python: i.python, pylance: i.pylance, pyarrow: i.pyarrow };
      },
      (err: Error) => {
        this.checked = undefined; // let a later call try again (e.g. after the user ran setup)
        throw new StudioError(
          `${err.message}\nThe Python engine needs Python >= 3.10 with pylance >= ${MIN_PYLANCE} (it is built for ${pinnedPylance()}); run \`${SETUP_COMMAND}\`.`,
          'engine',
        );
      },
    );
    return this.checked;
  }

  /**
   * A worker that dies while starting (killed, out of memory) is started again; a start that
   * fails the same way twice (Python missing, an import error) is the answer, reported at once.
   */
  private async startFirstWorker(): Promise<ProcessInfo> {
    let last: Error | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.engineInfo();
      } catch (err) {
        if ((last && errorMessage(last) === errorMessage(err)) || attempt >= START_ATTEMPTS) throw err;
        last = err as Error;
      }
    }
  }

  /**
   * One request on any worker. A worker that dies under a repeatable request (describe, verify, a
   * query, a removal, ...) is replaced and the request asked again; a commit is not repeated
   * blindly (its outcome is settled by the coordinator from the dataset).
   */
  protected async call<T>(method: string, params: object, opts: RequestOptions = {}): Promise<T> {
    await this.info();
    if (opts.timeoutMs !== undefined || opts.signal) return this.callStoppable<T>(method, params, opts);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.call<T>(method, params, opts);
      } catch (err) {
        if (!(err instanceof WorkerDiedError) || !REPEATABLE_METHODS.has(method) || attempt >= CALL_ATTEMPTS) throw err;
      }
    }
  }

  /** One attempt that a deadline or a cancel can stop: the worker is killed (pylance can't be
   *  interrupted mid-call) and replaced on its next lease; not asked again (the caller has a
   *  fallback, or was cancelled). */
  private async callStoppable<T>(method: string, params: object, { onEvent, timeoutMs, signal }: RequestOptions): Promise<T> {
    if (signal?.aborted) throw requestCancelled(method, 'no worker');
    const slot = await this.pool.lease();
    let stoppedBy: 'deadline' | 'cancel' | undefined;
    const stop = (why: 'deadline' | 'cancel') => {
      stoppedBy ??= why;
      slot.kill();
    };
    const timer = timeoutMs !== undefined ? setTimeout(() => stop('deadline'), timeoutMs) : undefined;
    const onAbort = () => stop('cancel');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await slot.call<T>(method, params, { onEvent });
    } catch (err) {
      if (stoppedBy === 'deadline') throw requestTimedOut(method, timeoutMs!, `worker ${slot.index}`);
      if (stoppedBy === 'cancel') throw requestCancelled(method, `worker ${slot.index}`);
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.pool.release(slot);
    }
  }

  /**
   * One worker per batch, as many at once as there are CPUs: more pylance processes than cores
   * only share them (and each holds ~200 MiB), so the rest wait, and the build says so. The
   * build's workers are its own (another build gets others).
   */
  async runBatches(ctx: BatchRunContext, batches: PlannedBatch[], common: Omit<BatchTask, 'fragmentIds'>): Promise<BatchesRun> {
    const cpus = availableParallelism();
    const atOnce = Math.max(1, Math.min(batches.length, cpus));
    ctx.emit({ type: 'concurrency', atOnce, reason: `${cpus} CPU${cpus === 1 ? '' : 's'}` });
    const withLimit = { ...ctx, maxWorkers: atOnce, group: {} };
    return { batches: await Promise.all(batches.map((b) => runBatch(this, withLimit, b, common))) };
  }

  async buildBatch(task: BatchTask, hooks: BatchHooks = {}): Promise<BatchSuccess> {
    await this.info();
    const slot = await this.pool.lease({ group: hooks.group, limit: hooks.maxWorkers, avoid: hooks.avoidWorker });
    let timedOut = false;
    const timer = hooks.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          slot.kill(); // pylance can't be interrupted mid-build; the process is replaced on next lease
        }, hooks.timeoutMs)
      : undefined;
    // A cancelled build ends the workers of its own batches, and only those.
    const onAbort = () => slot.kill();
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    // The engine's own pid: inside Electron the slot's process is the relay that started it.
    const stopWatching = hooks.onResources ? watchProcess(slot.info?.pid ?? slot.pid ?? 0, hooks.onResources) : undefined;
    try {
      hooks.onStart?.(slot.index, slot.pid);
      const raw = await slot.call('build_batch', batchToWire(task), {
        signal: hooks.signal,
        onEvent: (e) => hooks.onProgress?.(e as { stage: string; completed: number; total: number | null; event: string }),
      });
      const r = fitReply('build_batch', REPLIES.build_batch, raw);
      return { status: 'success', fragmentIds: r.fragment_ids, fields: r.fields, uuid: r.uuid, segment: r.segment, worker: slot.index, modelId: r.model_id ?? undefined };
    } catch (err) {
      const e = timedOut ? new RetryableError(`batch timed out after ${(hooks.timeoutMs ?? 0) / 1000} s; worker ${slot.index} was stopped`, 'build') : err;
      // Tag the error with the worker so the caller can report it and retry elsewhere.
      (e as { worker?: number }).worker = slot.index;
      throw e;
    } finally {
      stopWatching?.();
      clearTimeout(timer);
      hooks.signal?.removeEventListener('abort', onAbort);
      this.pool.release(slot);
    }
  }

  async parallelism(): Promise<number> {
    return availableParallelism();
  }

  /** No more than run at once (the CPUs): a 256-worker plan must not start 256 processes. */
  warm(n: number): void {
    this.pool.warm(Math.min(n, availableParallelism()));
  }

  /** Forget the engine checked so far and stop its workers: the next request starts them with the Python found then. */
  async restart(): Promise<void> {
    this.checked = undefined;
    await this.pool.restart();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
