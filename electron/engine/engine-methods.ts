/**
 * The engine methods that are one request to the Python engine each (everything but running
 * batches), over any way of reaching it: the local worker pool, or a short Ray job. Subclasses
 * say how a request travels; the request and reply shapes live here once.
 */
import { DatasetDescriptionSchema, type DatasetTarget } from '@shared/contract/dataset.js';
import { ColumnStatsSchema, type ColumnStats } from '@shared/contract/manage.js';
import { QueryResultSchema, RowsPageSchema, type QueryRequest, type QueryResult } from '@shared/contract/api.js';
import { VerificationSchema } from '@shared/contract/build.js';
import type { BatchTask, CommitHooks, CommitRequest, CommitResult, OrphanReport, RemovalReport, ResolvedDataset, TrainRequest, TrainedModel } from './engine.js';
import { StudioError, WorkerDiedError } from './engine-errors.js';
import { batchToWire, descriptionFromWire, targetToWire, trainToWire, verificationFromWire } from './wire.js';
import { REPLIES, fitReply, mapReply } from './engine-replies.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dataset = (ds: ResolvedDataset) => ({ uri: ds.uri, storage_options: ds.storageOptions });

/** The engine's `describe` parameters (also sent by the Ray probe, which runs it in a task). */
export function describeParams(target: DatasetTarget, opts: { withVersions?: boolean; version?: number } = {}) {
  return { target: targetToWire(target), with_versions: opts.withVersions ?? false, version: opts.version };
}

/** A query as the engine runs it: the window's request without its target (resolved already). */
export type EngineQuery = Omit<QueryRequest, 'target' | 'limit'> & { limit: number };

/** How one request travels: `onEvent` hears the engine's events for it (progress, 'committing');
 *  past `timeoutMs`, or once `signal` aborts (a cancelled build), the process or job running it is
 *  stopped and the request refused. */
export interface RequestOptions {
  onEvent?: (e: Record<string, unknown>) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The refusal of a request whose build was cancelled while it ran. */
export function requestCancelled(method: string, stopped: string): StudioError {
  return new StudioError(`'${method}' was cancelled; ${stopped} was stopped`, 'cancelled');
}

/** The refusal of a request that outlived its `timeoutMs`. */
export function requestTimedOut(method: string, timeoutMs: number, stopped: string): StudioError {
  return new StudioError(`'${method}' did not answer within ${timeoutMs / 1000} s; ${stopped} was stopped`, 'engine');
}

export abstract class EngineMethods {
  protected abstract call<T>(method: string, params: object, opts?: RequestOptions): Promise<T>;

  async describe(target: DatasetTarget, opts: { withVersions?: boolean; version?: number } = {}) {
    return mapReply('describe', DatasetDescriptionSchema, await this.call('describe', describeParams(target, opts)), descriptionFromWire);
  }

  async prepareMerge(task: Omit<BatchTask, 'fragmentIds'> & { indexUuid: string }) {
    const r = fitReply('prepare_merge', REPLIES.prepare_merge, await this.call('prepare_merge', batchToWire({ ...task, fragmentIds: [] })));
    return { indexDetails: r.index_details };
  }

  async trainVector(
    req: TrainRequest,
    onProgress?: (p: { stage: string; completed: number; total: number | null; event: string }) => void,
    signal?: AbortSignal,
  ): Promise<TrainedModel> {
    // Training can take minutes on one worker: a cancel stops that worker (or job) at once.
    const raw = await this.call('train_vector', trainToWire(req), {
      onEvent: (e) => onProgress?.(e as { stage: string; completed: number; total: number | null; event: string }),
      signal,
    });
    const r = fitReply('train_vector', REPLIES.train_vector, raw);
    return { modelId: r.model_id, numPartitions: r.model.num_partitions, wire: r.model };
  }

  async commit(req: CommitRequest, hooks: CommitHooks = {}): Promise<CommitResult> {
    const onEvent = (e: Record<string, unknown>) => {
      if (e.event === 'committing' && Array.isArray(e.segment_uuids)) hooks.onCommitting?.(e.segment_uuids as string[]);
    };
    const raw = await this.call('commit', {
      ...dataset(req),
      read_version: req.readVersion,
      name: req.name,
      column: req.column,
      index_type: req.indexType,
      workflow: req.workflow,
      replace: req.replace,
      segments: req.segments,
      merge_segments: req.mergeSegments,
      index_uuid: req.indexUuid,
      index_details: req.indexDetails,
      fields: req.fields,
      fragment_ids: req.fragmentIds,
    }, { onEvent });
    const r = fitReply('commit', REPLIES.commit, raw);
    return { version: r.version, segmentUuids: r.segment_uuids };
  }

  async verify(req: ResolvedDataset & { name: string; column: string; indexType: string; fragmentIds: number[] }) {
    const raw = await this.call('verify', {
      ...dataset(req), name: req.name, column: req.column, index_type: req.indexType, fragment_ids: req.fragmentIds,
    });
    return mapReply('verify', VerificationSchema, raw, verificationFromWire);
  }

  async discard(ds: ResolvedDataset, uuids: string[], sinceVersion?: number): Promise<RemovalReport> {
    if (uuids.length === 0) return { removed: [], keptReferenced: [] };
    const r = fitReply('discard', REPLIES.removal, await this.call('discard', { ...dataset(ds), uuids, since_version: sinceVersion }));
    return { removed: r.removed, keptReferenced: r.kept_referenced };
  }

  async listIndexDirs(ds: ResolvedDataset): Promise<string[]> {
    return fitReply('list_index_dirs', REPLIES.list_index_dirs, await this.call('list_index_dirs', dataset(ds))).uuids;
  }

  async findOrphans(ds: ResolvedDataset, opts: { only?: string[]; minAgeS?: number; sinceVersion?: number } = {}): Promise<OrphanReport> {
    const raw = await this.call('find_orphans', { ...dataset(ds), only: opts.only, min_age_s: opts.minAgeS ?? 0, since_version: opts.sinceVersion });
    const r = fitReply('find_orphans', REPLIES.find_orphans, raw);
    return {
      orphans: r.orphans.map((o) => ({ uuid: o.uuid, bytes: o.bytes, ageS: o.age_s })),
      tooRecent: r.too_recent.map((o) => ({ uuid: o.uuid, ageS: o.age_s })),
    };
  }

  async removeOrphans(ds: ResolvedDataset, uuids: string[]): Promise<RemovalReport> {
    if (uuids.length === 0) return { removed: [], keptReferenced: [] };
    const r = fitReply('remove_orphans', REPLIES.removal, await this.call('remove_orphans', { ...dataset(ds), uuids }));
    return { removed: r.removed, keptReferenced: r.kept_referenced };
  }

  async writeSample(p: { out: string; rows: number; fragments: number; overwrite?: boolean; seed?: number }) {
    return fitReply('sample', REPLIES.sample, await this.call('sample', p));
  }

  async previewRows(ds: ResolvedDataset, offset: number, limit: number, version?: number) {
    const raw = await this.call('preview_rows', { ...dataset(ds), offset, limit, version });
    return mapReply('preview_rows', RowsPageSchema, raw, (r: Raw) => ({ columns: r.columns, rows: r.rows, offset: r.offset, total: r.total }));
  }

  async columnStats(ds: ResolvedDataset, column: string): Promise<ColumnStats> {
    const raw = await this.call('column_stats', { ...dataset(ds), column });
    return mapReply('column_stats', ColumnStatsSchema, raw, (r: Raw) => ({
      column: r.column, rowsRead: r.rows_read, totalRows: r.total_rows, sampled: r.sampled, nulls: r.nulls, distinct: r.distinct,
      min: r.min, max: r.max, avgLength: r.avg_length, avgWords: r.avg_words, listItemsDistinct: r.list_items_distinct,
    }));
  }

  /** Bytes of one column in each fragment (from the files' statistics; no data read). */
  async columnBytes(ds: ResolvedDataset, column: string, version?: number, opts: { timeoutMs?: number } = {}): Promise<Map<number, number>> {
    const r = fitReply('column_bytes', REPLIES.column_bytes, await this.call('column_bytes', { ...dataset(ds), column, version }, opts));
    return new Map(Object.entries(r.bytes).map(([id, b]) => [Number(id), b]));
  }

  async dropIndex(ds: ResolvedDataset, name: string): Promise<{ version: number }> {
    return { version: fitReply('drop_index', REPLIES.version, await this.call('drop_index', { ...dataset(ds), name })).version };
  }

  async renameIndex(ds: ResolvedDataset, name: string, newName: string): Promise<{ version: number }> {
    return { version: fitReply('rename_index', REPLIES.version, await this.call('rename_index', { ...dataset(ds), name, new_name: newName })).version };
  }

  async query(ds: ResolvedDataset, q: EngineQuery): Promise<QueryResult> {
    const raw = await this.call('query', {
      ...dataset(ds), filter: q.filter, full_text: q.fullText, limit: q.limit, version: q.version,
      count: q.count, compare_without_index: q.compareWithoutIndex,
      nearest: q.nearest && { column: q.nearest.column, row: q.nearest.row, k: q.limit, nprobes: q.nearest.nprobes, refine_factor: q.nearest.refineFactor },
    }).catch((err: unknown) => {
      throw err instanceof WorkerDiedError ? queryCrashed(err) : err;
    });
    return mapReply('query', QueryResultSchema, raw, (r: Raw) => ({
      columns: r.columns, rows: r.rows, elapsedMs: r.elapsed_ms, usedIndex: r.used_index, plan: r.plan, total: r.total ?? undefined,
      withoutIndex: r.without_index ? { elapsedMs: r.without_index.elapsed_ms, reason: r.without_index.reason } : undefined,
    }));
  }
}

/**
 * A query whose engine process died under it, each time it was asked: most likely Lance itself
 * crashed on the filter. Measured with pylance 14.0.3: 'id + id + ... = 2' with ~700 terms overflows
 * its stack (SIGSEGV); 3,000 ORed comparisons don't. Said as such, not as a bare worker death.
 */
function queryCrashed(err: WorkerDiedError): StudioError {
  return new StudioError(
    `The query crashed Lance (${err.message}). A filter with hundreds of chained operators can do this: try a shorter one. Nothing was changed, and the next query starts a new engine.`,
    'engine',
  );
}
