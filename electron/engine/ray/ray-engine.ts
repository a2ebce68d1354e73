/**
 * The engine that builds on a Ray cluster. Batches run as Ray tasks of one job per build; the
 * dataset is described by a probe task on the cluster (so the plan is what the cluster sees, and
 * a dataset the cluster can't open is refused before anything runs). Commit, verify and cleanup
 * run on this machine when it opens the very same dataset (faster: no job to start), else as
 * short jobs on the cluster, so the app needs no Python of its own to build through Ray.
 */
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset.js';
import type { EngineRef } from '@shared/contract/build.js';
import { StudioError, errorMessage } from '../engine-errors.js';
import type {
  BatchRunContext, BatchesRun, BatchTask, CommitHooks, CommitRequest, EngineInfo, IndexEngine, PlannedBatch, ResolvedDataset, TrainRequest,
} from '../engine.js';
import { RayClient, type RayConnection } from './ray-client.js';
import { ClusterMethods } from './cluster-methods.js';
import { runBatchesOnRay } from './ray-batches.js';
import { pinnedPylance } from '../pins.js';
import type { EngineQuery } from '../engine-methods.js';

/** The one-request methods commit, verify and cleanup need: an engine or its wire methods. */
export type ControlMethods = Pick<
  IndexEngine,
  'describe' | 'prepareMerge' | 'trainVector' | 'commit' | 'verify' | 'discard' | 'listIndexDirs' | 'findOrphans' | 'removeOrphans' | 'previewRows' | 'query'
  | 'columnStats' | 'columnBytes' | 'dropIndex' | 'renameIndex'
>;

export interface RayEngineOptions {
  connection: RayConnection;
  /** Add the engine's pins to each job's runtime_env pip. */
  pip?: boolean;
  /** This machine's engine; commit, verify and cleanup use it when it reads the same dataset. */
  local?: ControlMethods;
  engineDir?: string;
}

/** Where the steps after the batches run for one dataset, and why. */
export interface ControlPlace {
  where: 'here' | 'cluster';
  reason: string;
}

export class RayEngine implements IndexEngine {
  readonly client: RayClient;
  private readonly cluster: ClusterMethods;
  private readonly places = new Map<string, { methods: ControlMethods; place: ControlPlace }>();
  private submissionId: string | undefined;

  get ref(): EngineRef {
    return { kind: 'ray', address: this.client.address, ...(this.submissionId ? { submissionId: this.submissionId } : {}) };
  }

  constructor(private readonly opts: RayEngineOptions) {
    this.client = new RayClient(opts.connection);
    this.cluster = new ClusterMethods(this.client, { pip: opts.pip, engineDir: opts.engineDir });
  }

  /** Reaches the dashboard (address, token) and checks the cluster has a node that can run a batch. */
  async info(): Promise<EngineInfo> {
    const version = await this.client.version();
    const nodes = await this.client.nodes();
    if (!nodes.some((n) => n.state === 'ALIVE' && (n.resources_total.CPU ?? 0) >= 1)) {
      throw new StudioError(`The Ray cluster at ${this.client.address} has no alive node with a CPU; batches would wait forever.`, 'engine');
    }
    return { python: `Ray ${version.ray_version} at ${this.client.address}`, pylance: pinnedPylance(this.opts.engineDir), pyarrow: '' };
  }

  /** The dataset as a task on the cluster sees it (the probe), then where commit and verify will run. */
  async describe(target: DatasetTarget, opts: { withVersions?: boolean; version?: number } = {}): Promise<DatasetDescription> {
    let described: DatasetDescription;
    try {
      described = await this.cluster.describeInTask(target, opts);
    } catch (err) {
      if (err instanceof StudioError && err.kind === 'input') {
        throw new StudioError(`The Ray cluster can't open the dataset: ${err.message}`, 'input', 'target');
      }
      throw err;
    }
    await this.choosePlace(described);
    return described;
  }

  /** Where commit/verify/cleanup run for this dataset (known after describe). */
  placeOf(uri: string): ControlPlace {
    return this.places.get(uri)?.place ?? { where: 'cluster', reason: 'not described yet' };
  }

  private async choosePlace(onCluster: DatasetDescription): Promise<void> {
    const local = this.opts.local;
    let reason = 'this machine has no engine of its own';
    if (local) {
      try {
        const here = await local.describe({ uri: onCluster.uri, storageOptions: onCluster.storageOptions }, { version: onCluster.version });
        if (sameDataset(here, onCluster)) {
          this.places.set(onCluster.uri, { methods: local, place: { where: 'here', reason: 'this machine opens the same dataset' } });
          return;
        }
        reason = `this machine sees a different dataset at ${onCluster.uri} (its fragments differ at version ${onCluster.version})`;
      } catch (err) {
        reason = `this machine can't open ${onCluster.uri} (${errorMessage(err).split('\n')[0]})`;
      }
    }
    this.places.set(onCluster.uri, { methods: this.cluster, place: { where: 'cluster', reason } });
  }

  private control(ds: ResolvedDataset): ControlMethods {
    return this.places.get(ds.uri)?.methods ?? this.cluster;
  }

  async runBatches(ctx: BatchRunContext, batches: PlannedBatch[], common: Omit<BatchTask, 'fragmentIds'>): Promise<BatchesRun> {
    await this.sayConcurrency(ctx, batches.length);
    const place = this.placeOf(common.uri);
    ctx.emit({
      type: 'log', level: 'info',
      message: `Commit and verification run ${place.where === 'here' ? 'on this machine' : 'as short jobs on the cluster'}: ${place.reason}.`,
    });
    return runBatchesOnRay(this.client, ctx, batches, common, {
      pip: this.opts.pip,
      engineDir: this.opts.engineDir,
      onSubmitted: (id) => {
        this.submissionId = id;
        ctx.emit({ type: 'engine', engine: this.ref });
        ctx.emit({ type: 'log', level: 'info', message: `Ray job ${id} submitted to ${this.client.address}: ${batches.length} batch${batches.length === 1 ? '' : 'es'}, one task (1 CPU) each.` });
      },
    });
  }

  /** Each task takes 1 CPU, so the cluster's alive CPUs say how many batches run at once; Ray queues the rest. */
  private async sayConcurrency(ctx: BatchRunContext, batches: number): Promise<void> {
    try {
      const cpus = Math.floor((await this.client.nodes()).filter((n) => n.state === 'ALIVE').reduce((c, n) => c + (n.resources_total.CPU ?? 0), 0));
      if (cpus > 0) ctx.emit({ type: 'concurrency', atOnce: Math.min(batches, cpus), reason: `${cpus} CPU${cpus === 1 ? '' : 's'} alive on the cluster` });
    } catch {
      // Only a hint for the window; the build doesn't depend on it.
    }
  }

  prepareMerge(task: Omit<BatchTask, 'fragmentIds'> & { indexUuid: string }) {
    return this.control(task).prepareMerge(task);
  }
  /** Training reads a sample only: it runs where commit runs (here when this machine reads the same dataset). */
  trainVector(req: TrainRequest, onProgress?: Parameters<IndexEngine['trainVector']>[1], signal?: AbortSignal) {
    return this.control(req).trainVector(req, onProgress, signal);
  }
  commit(req: CommitRequest, hooks?: CommitHooks) {
    return this.control(req).commit(req, hooks);
  }
  verify(req: ResolvedDataset & { name: string; column: string; indexType: string; fragmentIds: number[] }) {
    return this.control(req).verify(req);
  }
  discard(ds: ResolvedDataset, uuids: string[], sinceVersion?: number) {
    return this.control(ds).discard(ds, uuids, sinceVersion);
  }
  listIndexDirs(ds: ResolvedDataset) {
    return this.control(ds).listIndexDirs(ds);
  }
  findOrphans(ds: ResolvedDataset, opts?: { only?: string[]; minAgeS?: number; sinceVersion?: number }) {
    return this.control(ds).findOrphans(ds, opts);
  }
  removeOrphans(ds: ResolvedDataset, uuids: string[]) {
    return this.control(ds).removeOrphans(ds, uuids);
  }
  writeSample(p: { out: string; rows: number; fragments: number; overwrite?: boolean; seed?: number }) {
    return this.cluster.writeSample(p);
  }
  previewRows(ds: ResolvedDataset, offset: number, limit: number, version?: number) {
    return this.control(ds).previewRows(ds, offset, limit, version);
  }
  columnStats(ds: ResolvedDataset, column: string) {
    return this.control(ds).columnStats(ds, column);
  }
  columnBytes(ds: ResolvedDataset, column: string, version?: number, opts?: { timeoutMs?: number }) {
    return this.control(ds).columnBytes(ds, column, version, opts);
  }
  dropIndex(ds: ResolvedDataset, name: string) {
    return this.control(ds).dropIndex(ds, name);
  }
  renameIndex(ds: ResolvedDataset, name: string, newName: string) {
    return this.control(ds).renameIndex(ds, name, newName);
  }
  query(ds: ResolvedDataset, q: EngineQuery) {
    return this.control(ds).query(ds, q);
  }

  /** The CPUs of the cluster's alive nodes: a batch task takes one. */
  async parallelism(): Promise<number> {
    const nodes = await this.client.nodes();
    return Math.max(1, nodes.filter((n) => n.state === 'ALIVE').reduce((sum, n) => sum + Math.floor(n.resources_total.CPU ?? 0), 0));
  }

  /** Ray schedules; nothing to start ahead. */
  warm(): void {}
  /** The local engine belongs to whoever passed it in. */
  async close(): Promise<void> {}
}

/** Same version, same fragments with the same rows: the same dataset, seen from two places. */
export function sameDataset(a: DatasetDescription, b: DatasetDescription): boolean {
  if (a.version !== b.version || a.fragments.length !== b.fragments.length) return false;
  return a.fragments.every((f, i) => {
    const g = b.fragments[i];
    return f.id === g.id && f.physicalRows === g.physicalRows && f.deletedRows === g.deletedRows;
  });
}
