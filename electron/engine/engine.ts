/**
 * What the build coordinator needs from an engine. The local engine runs a pool of pylance
 * processes on this machine; a Ray engine would submit the same batches as Ray tasks.
 */
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset.js';
import type { Verification } from '@shared/contract/build.js';
import type { QueryResult, RowsPage } from '@shared/contract/api.js';

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
}

export interface BatchSuccess {
  status: 'success';
  fragmentIds: number[];
  fields: number[];
  uuid: string;
  /** The uncommitted segment (segments workflow), opaque to TypeScript, handed back at commit. */
  segment: Record<string, unknown> | null;
  worker: number;
}

export interface BatchHooks {
  onStart?: (worker: number, pid: number | undefined) => void;
  onProgress?: (p: { stage: string; completed: number; total: number | null; event: string }) => void;
  signal?: AbortSignal;
  /** Run on any worker but this one, if another exists (retries). */
  avoidWorker?: number;
  /** Use only workers 0..maxWorkers-1. */
  maxWorkers?: number;
  /** Kill the worker and fail the batch (retryably) if it runs longer than this. */
  timeoutMs?: number;
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

export interface CommitResult {
  version: number;
  segmentUuids: string[];
}

export interface OrphanReport {
  orphans: Array<{ uuid: string; bytes: number; ageS: number | null }>;
  tooRecent: Array<{ uuid: string; ageS: number | null }>;
}

export interface IndexEngine {
  info(): Promise<EngineInfo>;
  describe(target: DatasetTarget, opts?: { withVersions?: boolean; version?: number }): Promise<DatasetDescription>;
  prepareMerge(task: Omit<BatchTask, 'fragmentIds'> & { indexUuid: string }): Promise<{ indexDetails: unknown }>;
  buildBatch(task: BatchTask, hooks?: BatchHooks): Promise<BatchSuccess>;
  commit(req: CommitRequest): Promise<CommitResult>;
  verify(req: ResolvedDataset & { name: string; column: string; indexType: string; fragmentIds: number[] }): Promise<Verification>;
  /** Remove index folders no version references (a failed or cancelled build's pieces). */
  discard(ds: ResolvedDataset, uuids: string[]): Promise<string[]>;
  /** Index folders under `_indices/` (uuids). */
  listIndexDirs(ds: ResolvedDataset): Promise<string[]>;
  /** Folders no version references; `only` limits the search, `minAgeS` spares recent ones. */
  findOrphans(ds: ResolvedDataset, opts?: { only?: string[]; minAgeS?: number; sinceVersion?: number }): Promise<OrphanReport>;
  /** Removes folders, re-checking right before that no version references them. */
  removeOrphans(ds: ResolvedDataset, uuids: string[]): Promise<{ removed: string[]; keptReferenced: string[] }>;
  writeSample(p: { out: string; rows: number; fragments: number; overwrite?: boolean; seed?: number }): Promise<{ uri: string; version: number; rows: number; fragments: number }>;
  previewRows(ds: ResolvedDataset, offset: number, limit: number): Promise<RowsPage>;
  query(ds: ResolvedDataset, q: { filter?: string; fullText?: { query: string; column?: string }; limit: number }): Promise<QueryResult>;
  /** Start up to n workers now so they are warm when batches arrive. */
  warm(n: number): void;
  /** Stop every worker at once (cancel); they restart on demand. */
  abortAll(): void;
  close(): Promise<void>;
}
