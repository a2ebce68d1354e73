/** The engine that runs batches on a pool of pylance processes on this machine. */
import { WorkerPool } from '@core/worker-pool.js';
import { PythonLauncher, type ProcessLauncher } from '@core/process-launcher.js';
import { StudioError } from '@core/engine-errors.js';
import type { DatasetTarget } from '@shared/contract/dataset.js';
import type { BatchHooks, BatchSuccess, BatchTask, CommitRequest, CommitResult, EngineInfo, IndexEngine, OrphanReport, ResolvedDataset } from './engine.js';
import { MIN_PYLANCE, SETUP_COMMAND, compareVersions } from './python-env.js';
import { descriptionFromWire, targetToWire, verificationFromWire } from './wire.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class LocalEngine implements IndexEngine {
  readonly pool: WorkerPool;
  private checked: Promise<EngineInfo> | undefined;

  constructor(launcher: ProcessLauncher = new PythonLauncher()) {
    this.pool = new WorkerPool(launcher);
  }

  /** Starts the first worker and refuses a pylance too old for fragment-level builds. */
  info(): Promise<EngineInfo> {
    this.checked ??= this.pool.engineInfo().then(
      (i) => {
        if (compareVersions(i.pylance, MIN_PYLANCE) < 0) {
          throw new StudioError(
            `pylance ${i.pylance} is too old: building an index over chosen fragments needs pylance >= ${MIN_PYLANCE}. ` +
              `Run \`${SETUP_COMMAND}\` (installs the pinned version into .venv), or: pip install 'pylance==${MIN_PYLANCE}'.`,
            'engine',
          );
        }
        return { python: i.python, pylance: i.pylance, pyarrow: i.pyarrow };
      },
      (err: Error) => {
        this.checked = undefined; // let a later call try again (e.g. after the user ran setup)
        throw new StudioError(
          `${err.message}\nThe Python engine needs Python >= 3.10 with pylance ${MIN_PYLANCE}; run \`${SETUP_COMMAND}\`.`,
          'engine',
        );
      },
    );
    return this.checked;
  }

  private async call<T>(method: string, params: object, opts: Parameters<WorkerPool['call']>[2] = {}): Promise<T> {
    await this.info();
    return this.pool.call<T>(method, params, opts);
  }

  async describe(target: DatasetTarget, opts: { withVersions?: boolean; version?: number } = {}) {
    const raw = await this.call<Raw>('describe', { target: targetToWire(target), with_versions: opts.withVersions ?? false, version: opts.version });
    return descriptionFromWire(raw);
  }

  async prepareMerge(task: Omit<BatchTask, 'fragmentIds'> & { indexUuid: string }) {
    const r = await this.call<Raw>('prepare_merge', batchToWire({ ...task, fragmentIds: [] }));
    return { indexDetails: r.index_details };
  }

  async buildBatch(task: BatchTask, hooks: BatchHooks = {}): Promise<BatchSuccess> {
    await this.info();
    const slot = await this.pool.lease({ limit: hooks.maxWorkers, avoid: hooks.avoidWorker });
    let timedOut = false;
    const timer = hooks.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          slot.kill(); // pylance can't be interrupted mid-build; the process is replaced on next lease
        }, hooks.timeoutMs)
      : undefined;
    try {
      hooks.onStart?.(slot.index, slot.pid);
      const r = await slot.call<Raw>('build_batch', batchToWire(task), {
        signal: hooks.signal,
        onEvent: (e) => hooks.onProgress?.(e as { stage: string; completed: number; total: number | null; event: string }),
      });
      return { status: 'success', fragmentIds: r.fragment_ids, fields: r.fields, uuid: r.uuid, segment: r.segment, worker: slot.index };
    } catch (err) {
      const e = timedOut ? new StudioError(`batch timed out after ${(hooks.timeoutMs ?? 0) / 1000} s; worker ${slot.index} was stopped`, 'build') : err;
      // Tag the error with the worker so the caller can report it and retry elsewhere.
      (e as { worker?: number }).worker = slot.index;
      throw e;
    } finally {
      clearTimeout(timer);
      this.pool.release(slot);
    }
  }

  async commit(req: CommitRequest): Promise<CommitResult> {
    const r = await this.call<Raw>('commit', {
      uri: req.uri,
      storage_options: req.storageOptions,
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
    });
    return { version: r.version, segmentUuids: r.segment_uuids };
  }

  async verify(req: ResolvedDataset & { name: string; column: string; indexType: string; fragmentIds: number[] }) {
    const r = await this.call<Raw>('verify', {
      uri: req.uri,
      storage_options: req.storageOptions,
      name: req.name,
      column: req.column,
      index_type: req.indexType,
      fragment_ids: req.fragmentIds,
    });
    return verificationFromWire(r);
  }

  async discard(ds: ResolvedDataset, uuids: string[]): Promise<string[]> {
    if (uuids.length === 0) return [];
    const r = await this.call<Raw>('discard', { uri: ds.uri, storage_options: ds.storageOptions, uuids });
    return r.removed;
  }

  async listIndexDirs(ds: ResolvedDataset): Promise<string[]> {
    return (await this.call<Raw>('list_index_dirs', { uri: ds.uri, storage_options: ds.storageOptions })).uuids;
  }

  async findOrphans(ds: ResolvedDataset, opts: { only?: string[]; minAgeS?: number; sinceVersion?: number } = {}): Promise<OrphanReport> {
    const r = await this.call<Raw>('find_orphans', {
      uri: ds.uri, storage_options: ds.storageOptions, only: opts.only, min_age_s: opts.minAgeS ?? 0, since_version: opts.sinceVersion,
    });
    return {
      orphans: (r.orphans as Raw[]).map((o) => ({ uuid: o.uuid, bytes: o.bytes, ageS: o.age_s })),
      tooRecent: (r.too_recent as Raw[]).map((o) => ({ uuid: o.uuid, ageS: o.age_s })),
    };
  }

  async removeOrphans(ds: ResolvedDataset, uuids: string[]) {
    if (uuids.length === 0) return { removed: [], keptReferenced: [] };
    const r = await this.call<Raw>('remove_orphans', { uri: ds.uri, storage_options: ds.storageOptions, uuids });
    return { removed: r.removed as string[], keptReferenced: r.kept_referenced as string[] };
  }

  async writeSample(p: { out: string; rows: number; fragments: number; overwrite?: boolean; seed?: number }) {
    return this.call<{ uri: string; version: number; rows: number; fragments: number }>('sample', p);
  }

  async previewRows(ds: ResolvedDataset, offset: number, limit: number) {
    const r = await this.call<Raw>('preview_rows', { uri: ds.uri, storage_options: ds.storageOptions, offset, limit });
    return { columns: r.columns, rows: r.rows, offset: r.offset, total: r.total };
  }

  async query(ds: ResolvedDataset, q: { filter?: string; fullText?: { query: string; column?: string }; limit: number }) {
    const r = await this.call<Raw>('query', {
      uri: ds.uri, storage_options: ds.storageOptions, filter: q.filter, full_text: q.fullText, limit: q.limit,
    });
    return { columns: r.columns, rows: r.rows, elapsedMs: r.elapsed_ms, usedIndex: r.used_index, plan: r.plan };
  }

  warm(n: number): void {
    this.pool.warm(n);
  }

  abortAll(): void {
    this.pool.killAll();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function batchToWire(t: BatchTask): Raw {
  return {
    uri: t.uri,
    storage_options: t.storageOptions,
    version: t.version,
    column: t.column,
    index_type: t.indexType,
    name: t.name,
    fragment_ids: t.fragmentIds,
    index_params: t.indexParams,
    workflow: t.workflow,
    index_uuid: t.indexUuid,
    segment_uuid: t.segmentUuid,
  };
}
