/**
 * Runs one build through validate -> plan -> build -> commit -> verify, publishing an event at
 * every step. Either one index is committed and verified, or nothing is committed and the
 * build's own index folders are removed.
 */
import { randomUUID } from 'node:crypto';
import type { BatchOutcome, BuildEvent, BuildEventInput, BuildResult, Phase, Plan, Verification } from '@shared/contract/build.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';
import type { BatchSuccess, IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { StudioError, errorKind, errorMessage } from './engine-errors.js';
import { runBatch, type BatchContext } from './batch-runner.js';
import { discardUncommitted } from './build-cleanup.js';
import { CALLER_CHOSEN_UUID_TYPES } from '@shared/index-types.js';
import { checkAgainstDataset, checkRequest, planFor, type BuildSpec } from './validate.js';
import { checkWithLanceDb } from './lancedb-check.js';

export interface BuildRun {
  jobId: string;
  result: Promise<BuildResult>;
  cancel(): void;
}

export interface CoordinatorOptions {
  /** Also check that @lancedb/lancedb lists and uses the new index (default true). */
  lancedbCheck?: boolean;
  /** A description the caller already has (the window): only a hint for how many workers to warm. */
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
    // Start on the next tick, so the caller has the run (and its cancel) before the first event.
    result: Promise.resolve().then(() => job.run(raw)),
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
    // Always read the dataset afresh: a description the window holds may predate other writers,
    // and the build must be validated and planned against the version it will commit against.
    const ds = await this.engine.describe(checked.value.request.target);
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
    const plan = planFor(spec, this.description!);
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
      plan.workers.map((w, batch) =>
        runBatch(this.batchContext(plan.workers.length), { batch, fragmentIds: w.fragmentIds, rows: w.rows }, { ...common, indexUuid }),
      ),
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

  private batchContext(maxWorkers: number): BatchContext {
    return {
      engine: this.engine,
      emit: (e) => this.emit(e),
      signal: this.signal,
      retries: this.spec!.request.retries,
      timeoutMs: this.spec!.request.batchTimeoutS ? this.spec!.request.batchTimeoutS * 1000 : undefined,
      maxWorkers,
      written: this.written,
      outcomes: this.outcomes,
      onStoppedMidBuild: () => {
        if (this.dirsBefore) this.strayFolders = true;
      },
    };
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

  /** Remove what this build wrote and did not commit; reported either way. */
  private async discardWritten(): Promise<void> {
    if (!this.dataset) return;
    const ours = [...this.written];
    try {
      const removed = await discardUncommitted(this.engine, this.dataset, ours, this.strayFolders ? this.dirsBefore : undefined, this.readVersion);
      this.written.clear();
      if (removed.length) this.emit({ type: 'log', level: 'info', message: `Removed ${removed.length} uncommitted index folder(s) written by this build.` });
    } catch (err) {
      this.emit({ type: 'log', level: 'warn', message: `Could not remove this build's uncommitted index folders (${ours.join(', ')}): ${errorMessage(err)}. \`lance-index cleanup\` removes them later.` });
    }
  }
}
