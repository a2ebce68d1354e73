/**
 * Runs one build through validate -> plan -> build -> commit -> verify, publishing an event at
 * every step. Either one index is committed and verified, or nothing is committed and the
 * build's own index folders are removed.
 */
import { randomUUID } from 'node:crypto';
import { balanceFragments } from '@shared/balance.js';
import type { BatchOutcome, BuildEvent, BuildEventInput, BuildResult, Phase, Plan, Verification } from '@shared/contract/build.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';
import type { BatchSuccess, IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { StudioError, WorkerDiedError, errorKind, errorMessage } from './engine-errors.js';
import { CALLER_CHOSEN_UUID_TYPES } from '@shared/index-types.js';
import { checkAgainstDataset, checkRequest, type BuildSpec } from './validate.js';
import { checkWithLanceDb } from './lancedb-check.js';

export interface BuildRun {
  jobId: string;
  result: Promise<BuildResult>;
  cancel(): void;
}

export interface CoordinatorOptions {
  /** Also check that @lancedb/lancedb lists and uses the new index (default true). */
  lancedbCheck?: boolean;
  /** A description the caller already has (the window), to skip one round trip. Re-read if stale. */
  knownDescription?: DatasetDescription;
}

/** Segments merged into one answer queries faster (bench/query-latency); the default. */
export const DEFAULT_MERGE_SEGMENTS = true;

export function startBuild(engine: IndexEngine, raw: unknown, listener: (e: BuildEvent) => void, opts: CoordinatorOptions = {}): BuildRun {
  const jobId = randomUUID();
  const controller = new AbortController();
  const job = new BuildJob(engine, jobId, listener, controller.signal, opts);
  return {
    jobId,
    result: job.run(raw),
    cancel: () => {
      if (controller.signal.aborted || job.commitStarted) return;
      controller.abort();
      // pylance can't be interrupted mid-build, so stop the workers; they restart on demand.
      if (job.building) engine.abortAll();
    },
  };
}

class BuildJob {
  private readonly t0 = performance.now();
  private readonly timings: Record<string, number> = {};
  private readonly outcomes: BatchOutcome[] = [];
  /** Index folders this build wrote (or may have written) and has not committed. */
  private readonly written = new Set<string>();
  /** `_indices/` before the batches ran, when a batch's folder name can't be known in advance. */
  private dirsBefore: Set<string> | undefined;
  /** A batch whose folder name we don't know was stopped mid-build: look for its leftovers. */
  private strayFolders = false;
  private dataset: ResolvedDataset | undefined;
  private plan: Plan | undefined;
  private spec: BuildSpec | undefined;
  private readVersion: number | undefined;
  building = false;
  commitStarted = false;

  constructor(
    private readonly engine: IndexEngine,
    private readonly jobId: string,
    private readonly listener: (e: BuildEvent) => void,
    private readonly signal: AbortSignal,
    private readonly opts: CoordinatorOptions,
  ) {}

  private emit(e: BuildEventInput): void {
    this.listener({ ...e, jobId: this.jobId, t: Math.round(performance.now() - this.t0) } as BuildEvent);
  }

  private async phase<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    // Once the commit has started it can't be taken back, so a late cancel is ignored.
    if (!this.commitStarted) this.checkCancelled();
    const start = performance.now();
    this.emit({ type: 'phase', phase, state: 'started' });
    try {
      const value = await work();
      this.timings[phase] = performance.now() - start;
      this.emit({ type: 'phase', phase, state: 'done', elapsedMs: this.timings[phase] });
      return value;
    } catch (err) {
      this.timings[phase] = performance.now() - start;
      this.emit({ type: 'phase', phase, state: 'failed', elapsedMs: this.timings[phase] });
      throw err;
    }
  }

  private checkCancelled(): void {
    if (this.signal.aborted) throw new StudioError('Build cancelled; nothing was committed.', 'cancelled');
  }

  async run(raw: unknown): Promise<BuildResult> {
    let result: BuildResult;
    try {
      const spec = await this.phase('validate', () => this.validate(raw));
      const plan = await this.phase('plan', async () => this.makePlan(spec));
      const pieces = await this.phase('build', () => this.build(spec, plan));
      const committed = await this.phase('commit', () => this.commit(spec, pieces));
      const verification = await this.phase('verify', () => this.verify(spec));
      await this.discardWritten();
      result = this.result(true, {
        version: committed.version,
        segmentUuids: committed.segmentUuids,
        verification,
      });
    } catch (err) {
      if (this.signal.aborted && !this.commitStarted && errorKind(err) !== 'input') err = new StudioError('Build cancelled; nothing was committed.', 'cancelled');
      await this.discardWritten();
      result = this.result(false, { error: { kind: errorKind(err), message: errorMessage(err) } });
    }
    this.emit({ type: 'result', result });
    return result;
  }

  private result(ok: boolean, extra: Partial<BuildResult>): BuildResult {
    this.timings.total = performance.now() - this.t0;
    return {
      ok,
      jobId: this.jobId,
      uri: this.dataset?.uri ?? '',
      indexName: this.spec?.name,
      indexType: this.spec?.indexType,
      column: this.spec?.column,
      workflow: this.spec?.workflow,
      readVersion: this.readVersion,
      fragmentIds: this.spec?.fragmentIds,
      plan: this.plan,
      batches: [...this.outcomes].sort((a, b) => a.batch - b.batch),
      timingsMs: Object.fromEntries(Object.entries(this.timings).map(([k, v]) => [k, Math.round(v)])),
      ...extra,
    };
  }

  private async validate(raw: unknown): Promise<BuildSpec> {
    const checked = checkRequest(raw);
    if (!checked.ok) throw new StudioError(checked.errors.map((e) => e.message).join('\n'), 'input', checked.errors[0]?.field);
    // Start the workers now, in parallel with validation: Python + pylance take ~1 s to import,
    // which would otherwise be paid again after planning. Without a description at hand the
    // fragment count is unknown, so warm as many as asked (capped by what could run at once).
    const known = this.opts.knownDescription?.fragments.length;
    this.engine.warm(Math.max(1, Math.min(checked.value.request.workers, known ?? checked.value.request.workers)));
    await this.engine.info();
    let ds = this.opts.knownDescription;
    if (!ds || ds.version !== ds.latestVersion) ds = await this.engine.describe(checked.value.request.target);
    this.dataset = { uri: ds.uri, storageOptions: ds.storageOptions };
    this.readVersion = ds.version;
    const spec = checkAgainstDataset(checked.value, ds);
    if (!spec.ok) throw new StudioError(spec.errors.map((e) => e.message).join('\n'), 'input', spec.errors[0]?.field);
    this.spec = spec.value;
    this.description = ds;
    return spec.value;
  }
  private description: DatasetDescription | undefined;

  private makePlan(spec: BuildSpec): Plan {
    const wanted = new Set(spec.fragmentIds);
    const frags = this.description!.fragments.filter((f) => wanted.has(f.id));
    const plan = balanceFragments(frags, spec.request.workers);
    this.plan = plan;
    this.engine.warm(plan.workers.length);
    this.emit({ type: 'plan', plan, indexName: spec.name, readVersion: this.readVersion! });
    for (const w of plan.warnings) this.emit({ type: 'log', level: 'warn', message: w });
    return plan;
  }

  private async build(spec: BuildSpec, plan: Plan): Promise<{ batches: BatchSuccess[]; indexUuid?: string; indexDetails?: unknown }> {
    const ds = this.dataset!;
    const common = {
      ...ds, version: this.readVersion!, column: spec.column, indexType: spec.indexType, name: spec.name,
      indexParams: spec.request.indexParams, workflow: spec.workflow,
    };
    let indexUuid: string | undefined;
    let indexDetails: unknown;
    if (spec.workflow === 'merge') {
      indexUuid = randomUUID();
      this.written.add(indexUuid);
      indexDetails = (await this.engine.prepareMerge({ ...common, indexUuid })).indexDetails;
    }
    if (spec.workflow === 'segments' && !CALLER_CHOSEN_UUID_TYPES.has(spec.indexType)) {
      this.dirsBefore = new Set(await this.engine.listIndexDirs(ds));
    }
    this.building = true;
    plan.workers.forEach((w, batch) => this.emit({ type: 'batch-queued', batch, worker: w.worker, fragmentIds: w.fragmentIds, rows: w.rows }));
    const settled = await Promise.all(
      plan.workers.map((w, batch) => this.runBatch(batch, w.fragmentIds, w.rows, plan.workers.length, { ...common, indexUuid })),
    );
    this.building = false;
    this.checkCancelled();
    const failed = this.outcomes.filter((o) => o.error);
    if (failed.length) {
      const lines = failed
        .sort((a, b) => a.batch - b.batch)
        .map((o) => `batch ${o.batch} (worker ${o.worker}, fragments ${o.fragmentIds.join(',')}, ${o.attempts} attempt${o.attempts > 1 ? 's' : ''}): ${o.error}`);
      throw new StudioError(`Index building failed:\n${lines.join('\n')}`, 'build');
    }
    return { batches: settled.filter((s): s is BatchSuccess => s !== undefined), indexUuid, indexDetails };
  }

  private async runBatch(
    batch: number, fragmentIds: number[], rows: number, maxWorkers: number,
    common: Omit<Parameters<IndexEngine['buildBatch']>[0], 'fragmentIds'>,
  ): Promise<BatchSuccess | undefined> {
    const retries = this.spec!.request.retries;
    const errors: string[] = [];
    let lastWorker: number | undefined;
    const started = performance.now();
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (this.signal.aborted) return undefined;
      const segmentUuid = common.workflow === 'segments' ? randomUUID() : undefined;
      if (segmentUuid) this.written.add(segmentUuid);
      let worker = lastWorker ?? -1;
      try {
        const ok = await this.engine.buildBatch({ ...common, fragmentIds, segmentUuid }, {
          maxWorkers,
          avoidWorker: lastWorker,
          signal: this.signal,
          timeoutMs: this.spec!.request.batchTimeoutS ? this.spec!.request.batchTimeoutS * 1000 : undefined,
          onStart: (w, pid) => {
            worker = w;
            this.emit({ type: 'batch-started', batch, worker: w, attempt, pid });
          },
          onProgress: (p) =>
            this.emit({
              type: 'batch-progress', batch, worker, stage: p.stage, completed: p.completed, total: p.total ?? null,
              fraction: p.total ? Math.min(1, p.completed / p.total) : rows > 0 && p.stage === 'tokenize_docs' ? Math.min(1, p.completed / rows) : null,
            }),
        });
        if (segmentUuid && ok.uuid !== segmentUuid) {
          this.written.delete(segmentUuid);
          this.written.add(ok.uuid);
        }
        const elapsedMs = performance.now() - started;
        this.emit({ type: 'batch-done', batch, worker: ok.worker, elapsedMs, uuid: ok.uuid });
        this.outcomes.push({ batch, worker: ok.worker, fragmentIds, rows, attempts: attempt, elapsedMs, uuid: ok.uuid });
        return ok;
      } catch (err) {
        if (this.dirsBefore && (this.signal.aborted || err instanceof WorkerDiedError || errorKind(err) === 'build')) {
          this.strayFolders = true;
        }
        if (this.signal.aborted) return undefined;
        worker = (err as { worker?: number }).worker ?? worker;
        lastWorker = worker;
        const message = errorMessage(err);
        errors.push(retries > 0 ? `attempt ${attempt} on worker ${worker}: ${message}` : message);
        // Bad input (e.g. a fragment that vanished) fails the same way on every worker.
        const willRetry = attempt <= retries && errorKind(err) !== 'input';
        this.emit({ type: 'batch-failed', batch, worker, attempt, error: message, willRetry });
        if (!willRetry) {
          this.outcomes.push({ batch, worker, fragmentIds, rows, attempts: attempt, elapsedMs: performance.now() - started, error: errors.join('; ') });
          return undefined;
        }
      }
    }
    return undefined;
  }

  private async commit(spec: BuildSpec, pieces: { batches: BatchSuccess[]; indexUuid?: string; indexDetails?: unknown }) {
    this.checkCancelled();
    this.commitStarted = true;
    const committed = await this.engine.commit({
      ...this.dataset!,
      readVersion: this.readVersion!,
      name: spec.name,
      column: spec.column,
      indexType: spec.indexType,
      workflow: spec.workflow,
      replace: spec.request.replace,
      segments: pieces.batches.map((b) => b.segment!).filter(Boolean),
      mergeSegments: spec.workflow === 'segments' && (spec.request.mergeSegments ?? DEFAULT_MERGE_SEGMENTS),
      indexUuid: pieces.indexUuid,
      indexDetails: pieces.indexDetails,
      fields: pieces.batches[0]?.fields,
      fragmentIds: spec.fragmentIds,
    });
    // Committed, or merged into the committed one and removed by the engine: not ours to clean up.
    // What stays in `written` are failed attempts' partial folders, removed after verify.
    for (const b of pieces.batches) this.written.delete(b.uuid);
    if (pieces.indexUuid) this.written.delete(pieces.indexUuid);
    return committed;
  }

  private async verify(spec: BuildSpec): Promise<Verification> {
    let v: Verification;
    try {
      v = await this.engine.verify({ ...this.dataset!, name: spec.name, column: spec.column, indexType: spec.indexType, fragmentIds: spec.fragmentIds });
    } catch (err) {
      // The index is committed whatever happens here; report the failed check, don't fail the build.
      v = { ok: false, listed: false, name: spec.name, version: -1, problems: [`verification could not run: ${errorMessage(err)}`] };
    }
    if (this.opts.lancedbCheck !== false) v.lancedb = await checkWithLanceDb(this.dataset!.uri, spec.name, v.query?.text, spec.indexType);
    if (!v.ok) this.emit({ type: 'log', level: 'warn', message: `Verification found problems: ${v.problems.join('; ')}` });
    return v;
  }

  /**
   * Remove the index folders this build wrote and did not commit: a failed or cancelled build's
   * pieces, or a retried batch's first attempt. Best effort, and reported either way.
   */
  private async discardWritten(): Promise<void> {
    if (!this.dataset) return;
    const ours = [...this.written];
    try {
      let removed = ours.length ? await this.engine.discard(this.dataset, ours) : [];
      if (this.strayFolders && this.dirsBefore) {
        // pylance names BTREE/NGRAM/LABEL_LIST segments itself, so a batch stopped mid-build left a
        // folder we can't name: new since the build started and referenced by no version.
        const now = await this.engine.listIndexDirs(this.dataset);
        const fresh = now.filter((u) => !this.dirsBefore!.has(u));
        const report = await this.engine.findOrphans(this.dataset, { only: fresh, sinceVersion: this.readVersion });
        const r = await this.engine.removeOrphans(this.dataset, report.orphans.map((o) => o.uuid));
        removed = [...removed, ...r.removed];
      }
      this.written.clear();
      if (removed.length) this.emit({ type: 'log', level: 'info', message: `Removed ${removed.length} uncommitted index folder(s) written by this build.` });
    } catch (err) {
      this.emit({ type: 'log', level: 'warn', message: `Could not remove this build's uncommitted index folders (${ours.join(', ')}): ${errorMessage(err)}. \`lance-index cleanup\` removes them later.` });
    }
  }
}
