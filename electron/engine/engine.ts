/**
 * What the build coordinator needs from an engine. The local engine runs a pool of pylance
 * processes on this machine; the Ray engine submits the same batches as Ray tasks in one job.
 */
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset.js';
import type { BatchOutcome, BuildEventInput, EngineRef, Verification } from '@shared/contract/build.js';
import type { QueryResult, RowsPage } from '@shared/contract/api.js';
import type { EngineQuery } from './engine-methods.js';
import type { ColumnStats } from '@shared/contract/manage.js';
import type { VectorSettings } from '@shared/vector-settings.js';

export interface EngineInfo {
  python: string;
  pylance: string;
  pyarrow: string;
}

export interface ResolvedDataset {
  uri: string;
  storageOptions: Record<string, string>;
}

export interface BatchTask extends ResolvedDataset {
  version: number;
  column: string;
  indexType: string;
  name: string;
  fragmentIds: number[];
  indexParams: Record<string, unknown>;
  workflow: 'segments' | 'merge';
  /** The merge workflow's shared folder. */
  indexUuid?: string;
  /** The segment's folder, where pylance lets the caller choose it (so a killed batch can be cleaned up). */
  segmentUuid?: string;
  /** Vector builds: the model trained once (TrainedModel.wire), the same for every batch and retry. */
  vectorModel?: Record<string, unknown>;
}

/** What the train phase asks for: the planned fragments, the resolved settings. */
export interface TrainRequest extends ResolvedDataset {
  version: number;
  column: string;
  indexType: string;
  fragmentIds: number[];
  settings: VectorSettings;
}

/** A trained vector model: its id and summary for events, its arrays opaque to TypeScript. */
export interface TrainedModel {
  modelId: string;
  numPartitions: number;
  /** Exactly as the engine returned it; handed back unchanged to every batch. */
  wire: Record<string, unknown>;
}

export interface BatchSuccess {
  status: 'success';
  fragmentIds: number[];
  fields: number[];
  uuid: string;
  /** The uncommitted segment (segments workflow), opaque to TypeScript, handed back at commit. */
  segment: Record<string, unknown> | null;
  worker: number;
  /** Vector builds: the id of the model this batch built with, computed by the batch from what it received. */
  modelId?: string;
}

export interface BatchHooks {
  onStart?: (worker: number, pid: number | undefined) => void;
  onProgress?: (p: { stage: string; completed: number; total: number | null; event: string }) => void;
  /** The worker process's CPU and memory while the batch runs (where the engine can read them). */
  onResources?: (r: { pid: number; cpuPercent: number; rssBytes: number }) => void;
  signal?: AbortSignal;
  /** Run on any worker but this one, if another exists (retries). */
  avoidWorker?: number;
  /** The build these batches belong to (its leases count against its own limit). */
  group?: object;
  /** At most this many of the build's batches run at once. */
  maxWorkers?: number;
  /** Kill the worker and fail the batch (retryably) if it runs longer than this. */
  timeoutMs?: number;
}

/** One batch of the plan: its index in the plan, the plan's worker number, its fragments. */
export interface PlannedBatch {
  batch: number;
  worker: number;
  fragmentIds: number[];
  rows: number;
}

/** What the coordinator gives an engine to run a build's batches. */
export interface BatchRunContext {
  emit: (e: BuildEventInput) => void;
  signal: AbortSignal;
  retries: number;
  timeoutMs: number | undefined;
}

/**
 * How one batch ended, after its retries; no outcome when the build was cancelled first. Every
 * batch also says what it may have left on disk, whatever became of it, since the coordinator
 * removes exactly that when the build doesn't commit.
 */
export interface BatchRunResult {
  outcome?: BatchOutcome;
  success?: BatchSuccess;
  /** Folder names its attempts may have written (each chosen before the attempt started, where pylance allows). */
  mayHaveWritten: string[];
  /** An attempt was stopped while pylance was writing (killed, timed out, cancelled): a folder it named itself may be left. */
  stoppedMidBuild: boolean;
}

/** A build's batches, as the engine ran them: one result per batch, or a failure of the whole run. */
export interface BatchesRun {
  batches: BatchRunResult[];
  /** The run as a whole failed (a Ray driver that refused or died): not one batch's fault. */
  failure?: Error;
}

export interface CommitRequest extends ResolvedDataset {
  readVersion: number;
  name: string;
  column: string;
  indexType: string;
  workflow: 'segments' | 'merge';
  replace: boolean;
  segments: Array<Record<string, unknown>>;
  mergeSegments: boolean;
  indexUuid?: string;
  indexDetails?: unknown;
  fields?: number[];
  fragmentIds: number[];
}

export interface CommitHooks {
  onCommitting?: (segmentUuids: string[]) => void;
}

export interface RemovalReport {
  removed: string[];
  keptReferenced: string[];
}

export interface CommitResult {
  version: number;
  segmentUuids: string[];
}

export interface OrphanReport {
  orphans: Array<{ uuid: string; bytes: number; ageS: number | null }>;
  tooRecent: Array<{ uuid: string; ageS: number | null }>;
}

export interface IndexEngine {
  /** Which engine this is, for events and results (never a secret). */
  readonly ref: EngineRef;
  info(): Promise<EngineInfo>;
  describe(target: DatasetTarget, opts?: { withVersions?: boolean; version?: number }): Promise<DatasetDescription>;
  prepareMerge(task: Omit<BatchTask, 'fragmentIds'> & { indexUuid: string }): Promise<{ indexDetails: unknown }>;
  /** Vector builds: train the shared model once, on one worker; `onProgress` hears its stages. */
  trainVector(
    req: TrainRequest,
    onProgress?: (p: { stage: string; completed: number; total: number | null; event: string }) => void,
    signal?: AbortSignal,
  ): Promise<TrainedModel>;
  /** Runs every batch (retries included), emitting batch events; resolves when all have ended. */
  runBatches(ctx: BatchRunContext, batches: PlannedBatch[], common: Omit<BatchTask, 'fragmentIds'>): Promise<BatchesRun>;
  /** `onCommitting` hears, right before Lance's commit, which folders the new index is made of. */
  commit(req: CommitRequest, hooks?: CommitHooks): Promise<CommitResult>;
  verify(req: ResolvedDataset & { name: string; column: string; indexType: string; fragmentIds: number[] }): Promise<Verification>;
  /**
   * Remove a build's uncommitted folders; any that a version (from `sinceVersion` on) references
   * is kept and reported, never removed.
   */
  discard(ds: ResolvedDataset, uuids: string[], sinceVersion?: number): Promise<RemovalReport>;
  /** Index folders under `_indices/` (uuids). */
  listIndexDirs(ds: ResolvedDataset): Promise<string[]>;
  /** Folders no version references; `only` limits the search, `minAgeS` spares recent ones. */
  findOrphans(ds: ResolvedDataset, opts?: { only?: string[]; minAgeS?: number; sinceVersion?: number }): Promise<OrphanReport>;
  /** Removes folders, re-checking right before that no version references them. */
  removeOrphans(ds: ResolvedDataset, uuids: string[]): Promise<RemovalReport>;
  writeSample(p: { out: string; rows: number; fragments: number; overwrite?: boolean; seed?: number }): Promise<{ uri: string; version: number; rows: number; fragments: number }>;
  /** A page of rows at `version` (an older one Explore shows), else the latest. */
  previewRows(ds: ResolvedDataset, offset: number, limit: number, version?: number): Promise<RowsPage>;
  columnStats(ds: ResolvedDataset, column: string): Promise<ColumnStats>;
  /**
   * Bytes of one column in each fragment, by fragment id (at `version`, else the latest). With
   * `timeoutMs`, a read that hasn't answered by then is stopped (its worker or job) and refused.
   */
  columnBytes(ds: ResolvedDataset, column: string, version?: number, opts?: { timeoutMs?: number }): Promise<Map<number, number>>;
  dropIndex(ds: ResolvedDataset, name: string): Promise<{ version: number }>;
  /** Commits the same segments under the new name (no index file is touched). */
  renameIndex(ds: ResolvedDataset, name: string, newName: string): Promise<{ version: number }>;
  query(ds: ResolvedDataset, q: EngineQuery): Promise<QueryResult>;
  /** How many batches can run at once: this machine's CPUs, or the cluster's. */
  parallelism(): Promise<number>;
  /** Start up to n workers now so they are warm when batches arrive. */
  warm(n: number): void;
  /** Its workers start in milliseconds (forked from a warm engine), not the ~0.3 s of importing pylance. */
  readonly startsQuickly?: boolean;
  close(): Promise<void>;
}
