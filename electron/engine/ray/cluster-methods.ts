/**
 * Engine methods run as short jobs on the cluster, for datasets this machine can't open (a path
 * only the cluster sees) and for apps with no Python of their own. `inTask` runs the method in a
 * Ray task on a worker node instead of the driver on the head node (the probe uses it).
 */
import { StudioError } from '../engine-errors.js';
import { ErrorKindSchema, type ErrorKind } from '@shared/contract/build.js';
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset.js';
import { descriptionFromWire } from '../wire.js';
import { EngineMethods, describeParams, requestCancelled, requestTimedOut, type RequestOptions } from '../engine-methods.js';
import type { RayClient } from './ray-client.js';
import { runRayJob, type JobEvent } from './ray-job.js';

export interface CallPlace {
  node_id: string;
  node_ip: string;
  pid: number;
  pylance: string;
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(ErrorKindSchema.options);

export class ClusterMethods extends EngineMethods {
  constructor(
    private readonly client: RayClient,
    private readonly jobOptions: { pip?: boolean; engineDir?: string } = {},
  ) {
    super();
  }

  protected async call<T>(method: string, params: object, opts: RequestOptions = {}): Promise<T> {
    const deadline = opts.timeoutMs !== undefined ? AbortSignal.timeout(opts.timeoutMs) : undefined;
    const signals = [deadline, opts.signal].filter((s): s is AbortSignal => s !== undefined);
    const stop = signals.length ? AbortSignal.any(signals) : undefined;
    try {
      return (await this.callOnCluster<T>(method, params, false, opts.onEvent, stop)).result;
    } catch (err) {
      if (opts.signal?.aborted) throw requestCancelled(method, 'its Ray job');
      throw deadline?.aborted ? requestTimedOut(method, opts.timeoutMs!, 'its Ray job') : err;
    }
  }

  /** The probe: describe the dataset from a task on a worker node, where the batches will run. */
  async describeInTask(target: DatasetTarget, opts: { withVersions?: boolean; version?: number } = {}): Promise<DatasetDescription> {
    return descriptionFromWire((await this.callOnCluster<Record<string, unknown>>('describe', describeParams(target, opts), true)).result);
  }

  /** Runs one method as a job; the place is where it ran when `inTask`. */
  async callOnCluster<T>(
    method: string, params: object, inTask: boolean, onEvent?: (e: Record<string, unknown>) => void, signal?: AbortSignal,
  ): Promise<{ result: T; place?: CallPlace }> {
    const outcome = await runRayJob(this.client, {
      ...this.jobOptions,
      signal,
      spec: { kind: 'call', method, params, in_task: inTask },
      onEvent: (e) => {
        if (e.type === 'call-event' && e.event && typeof e.event === 'object') onEvent?.(e.event as Record<string, unknown>);
      },
    });
    const reply = outcome.events.find((e): e is JobEvent & { result?: T; error?: { kind: string; message: string }; place?: CallPlace } => e.type === 'call-result');
    const error = reply?.error ?? outcome.error;
    if (error) throw new StudioError(error.message, KNOWN_KINDS.has(error.kind) ? (error.kind as ErrorKind) : 'internal');
    if (!reply) {
      throw new StudioError(`Ray job ${outcome.info.submission_id} ended (${outcome.info.status}) without an answer to '${method}'.`, 'engine');
    }
    // The job stays in the cluster's list (its metadata says it is lance-index's): deleting it
    // right after it ended races with Ray's own job monitor, which then re-creates it as FAILED.
    return { result: reply.result as T, place: reply.place };
  }
}
