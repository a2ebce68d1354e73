/**
 * Runs one build through validate -> plan -> train (vector indices) -> build -> commit -> verify, publishing an event at
 * every step. Either one index is committed and verified, or nothing is committed and the
 * build's own index folders are removed.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { BatchOutcome, BuildEvent, BuildEventInput, BuildResult, Phase, Plan, Verification } from '@shared/contract/build.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';
import type { BatchRunResult, BatchSuccess, IndexEngine, PlannedBatch, ResolvedDataset } from '@engine/engine.js';
import { StudioError, errorKind, errorMessage } from '@engine/engine-errors.js';
import { discardUncommitted } from './build-cleanup.js';
import { commitPieces, type BuildPieces } from './build-commit.js';
import { CALLER_CHOSEN_UUID_TYPES } from '@shared/engine-facts.js';
import { checkAgainstDataset, checkRequest, type BuildSpec } from './validate.js';
import { Leftovers } from './build-leftovers.js';
import { planBuild } from './plan-build.js';
import { checkWithLanceDb, loadLanceDb } from './lancedb-check.js';
import { trainVectorModel, type VectorModel } from './train-phase.js';
import { enginesBeforeDescribe } from '@shared/auto-workers.js';

export interface BuildRun {
  jobId: string;
  result: Promise<BuildResult>;
  cancel(): void;
  /** After a result with `resumable`: what a retry of the failed batches needs. */
  resumable(): Resumable | undefined;
}

export interface CoordinatorOptions {
  /** Also check that @lancedb/lancedb lists and uses the new index (default true). */
  lancedbCheck?: boolean;
  /** A description the caller already has (the window): only a hint for how many workers to warm. */
  knownDescription?: DatasetDescription;
  /**
   * When batches fail, keep the segments of those that succeeded (uncommitted) so the failed
   * ones alone can be run again (`resume`). The caller then owns them: it resumes or discards.
   */
  keepSucceeded?: boolean;
  /** Run again only the batches that failed in an earlier run of this request, at its version. */
  resume?: Resumable;
  /**
   * Stops the engine once the build needs it no more (verified by it, leftovers removed), before
   * @lancedb/lancedb's check: for a caller whose engine runs this one build (the CLI). The check
   * opens the index in this process, and the engine keeps the memory its build freed: with the
   * engine still running the two are held at once (the CLI waited for its exit at the end anyway).
   */
  releaseEngine?: () => Promise<void>;
}

/** What a failed build leaves for a retry of its failed batches alone. */
export interface Resumable {
  request: unknown;
  dataset: ResolvedDataset;
  readVersion: number;
  plan: Plan;
  /** By batch index: the segments built and not committed. */
  succeeded: Map<number, BatchSuccess>;
  /** Vector builds: the model the kept segments were built with (the retry builds with it too). */
  model?: VectorModel;
}

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
      // Only this build's work stops: each of its running batches ends its own worker (pylance
      // can't be interrupted mid-build); other builds and queries on the same engine go on.
      controller.abort();
    },
    resumable: () => job.resumable,
  };
}

/** What validation established; every later phase is handed it. */
interface Validated {
  spec: BuildSpec;
  description: DatasetDescription;
  dataset: ResolvedDataset;
  /** The version read, which every batch reads and the commit is made against. */
  readVersion: number;
}

/**
 * What the build has learnt so far, each part set once, by the phase that learns it: the result
 * reports it (and the cleanup uses it) whatever phase the build ends in. Phases themselves take
 * their inputs as arguments, not from here.
 */
interface Known {
  validated?: Validated;
  plan?: Plan;
  model?: VectorModel;
  outcomes: BatchOutcome[];
  /** When batches failed: the segments of those that succeeded, by batch (for a retry of the rest). */
  succeeded?: Map<number, BatchSuccess>;
}

class BuildJob {
  private readonly t0 = performance.now();
  private readonly timings: Record<string, number> = {};
  private readonly known: Known = { outcomes: [] };
  /** What this build wrote and has not committed. */
  private readonly leftovers = new Leftovers();
  /** opts.releaseEngine ran: nothing may ask the engine for anything after it. */
  private engineReleased = false;
  commitStarted = false;
  resumable: Resumable | undefined;

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

  /** For the check at the end; it reports a failed load itself. */
  private preloadLanceDb(): void {
    if (this.opts.lancedbCheck !== false) void loadLanceDb().catch(() => undefined);
  }

  /**
   * A step inside a phase, timed apart for the benchmark's account of where the time goes
   * (`timingsMs['<phase>.<step>']`; the phases' own keys stay the totals).
   */
  private async timed<T>(key: `${Phase}.${string}`, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.timings[key] = performance.now() - start;
    }
  }

  private checkCancelled(): void {
    if (this.signal.aborted) throw new StudioError('Build cancelled; nothing was committed.', 'cancelled');
  }

  async run(raw: unknown): Promise<BuildResult> {
    let result: BuildResult;
    this.emit({ type: 'engine', engine: this.engine.ref });
    try {
      const v = await this.phase('validate', () => this.validate(raw));
      this.known.validated = v;
      const plan = await this.phase('plan', () => this.makePlan(v));
      this.known.plan = plan;
      const model = await this.train(v);
      this.known.model = model;
      const pieces = await this.phase('build', () => this.build(v, plan, model));
      const committed = await this.phase('commit', () => this.commit(v, pieces));
      const verification = await this.phase('verify', () => this.verify(v));
      await this.discardLeftovers(v);
      result = this.result(true, {
        version: committed.version,
        segmentUuids: committed.segmentUuids,
        indexedFragmentIds: pieces.batches.flatMap((b) => b.fragmentIds).sort((a, b) => a - b),
        verification,
      });
    } catch (thrown) {
      const cancelled = this.signal.aborted && !this.commitStarted && errorKind(thrown) !== 'input';
      const err = cancelled ? new StudioError('Build cancelled; nothing was committed.', 'cancelled') : thrown;
      this.keepForRetry(err);
      if (this.known.validated) await this.discardLeftovers(this.known.validated);
      result = this.result(false, { error: { kind: errorKind(err), message: errorMessage(err) }, resumable: this.resumable !== undefined });
    }
    this.emit({ type: 'result', result });
    return result;
  }

  private result(ok: boolean, extra: Partial<BuildResult>): BuildResult {
    this.timings.total = performance.now() - this.t0;
    const v = this.known.validated;
    return {
      ok,
      jobId: this.jobId,
      uri: v?.dataset.uri ?? '',
      indexName: v?.spec.name,
      indexType: v?.spec.indexType,
      column: v?.spec.column,
      workflow: v?.spec.workflow,
      readVersion: v?.readVersion,
      fragmentIds: v?.spec.fragmentIds,
      plan: this.known.plan,
      batches: [...this.known.outcomes].sort((a, b) => a.batch - b.batch),
      timingsMs: Object.fromEntries(Object.entries(this.timings).map(([k, t]) => [k, Math.round(t)])),
      engine: this.engine.ref,
      ...(this.known.model ? { model: this.known.model.summary } : {}),
      ...extra,
    };
  }

  private async validate(raw: unknown): Promise<Validated> {
    const checked = checkRequest(raw);
    if (!checked.ok) throw new StudioError(checked.errors.map((e) => e.message).join('\n'), 'input', checked.errors[0]?.field);
    // Start the workers now, in parallel with validation: Python + pylance take ~0.3 s to import,
    // which would otherwise be paid again after planning. Without a description at hand the
    // fragment count is unknown, so as many as could run at once.
    const known = this.opts.knownDescription?.fragments.length;
    this.engine.warm(enginesBeforeDescribe(checked.value.request.workers, known ?? availableParallelism()));
    // Loading @lancedb/lancedb holds Node's thread ~0.15 s: done while the engine starts, when
    // that is slow; when it is quick (forked from a warm engine), while the first batch builds.
    if (!this.engine.startsQuickly) this.preloadLanceDb();
    await this.timed('validate.engineStart', () => this.engine.info());
    // Always read the dataset afresh: a description the window holds may predate other writers,
    // and the build must be validated and planned against the version it will commit against.
    // A retry of failed batches reads the version the first run read: its kept segments are of it.
    const ds = await this.timed('validate.describe', () => this.engine.describe(checked.value.request.target, { version: this.opts.resume?.readVersion }));
    const spec = checkAgainstDataset(checked.value, ds);
    if (!spec.ok) throw new StudioError(spec.errors.map((e) => e.message).join('\n'), 'input', spec.errors[0]?.field);
    return { spec: spec.value, description: ds, dataset: { uri: ds.uri, storageOptions: ds.storageOptions }, readVersion: ds.version };
  }

  private async makePlan({ spec, description, readVersion }: Validated): Promise<Plan> {
    const plan = this.opts.resume?.plan ?? (await planBuild(this.engine, spec, description));
    this.engine.warm(plan.workers.length);
    this.emit({ type: 'plan', plan, indexName: spec.name, readVersion });
    for (const w of plan.warnings) this.emit({ type: 'log', level: 'warn', message: w });
    return plan;
  }

  /** Vector builds train their one model here; the others say the phase doesn't apply to them. */
  private async train({ spec, dataset, readVersion }: Validated): Promise<VectorModel | undefined> {
    if (!spec.vector) {
      this.emit({ type: 'phase', phase: 'train', state: 'skipped' });
      return undefined;
    }
    const vectorSpec = { ...spec, vector: spec.vector };
    return this.phase('train', () =>
      trainVectorModel(this.engine, dataset, readVersion, vectorSpec, (e) => this.emit(e), this.signal, this.opts.resume?.model),
    );
  }

  private async build({ spec, dataset, readVersion }: Validated, plan: Plan, model: VectorModel | undefined): Promise<BuildPieces> {
    const common = {
      ...dataset,
      version: readVersion,
      column: spec.column,
      indexType: spec.indexType,
      name: spec.name,
      indexParams: spec.request.indexParams,
      workflow: spec.workflow,
      // The one model, as the engine returned it: every batch and every retry gets these same bytes.
      ...(model ? { vectorModel: model.trained.wire } : {}),
    };
    let indexUuid: string | undefined;
    let indexDetails: unknown;
    if (spec.workflow === 'merge') {
      indexUuid = randomUUID();
      this.leftovers.mayHaveWritten([indexUuid]);
      indexDetails = (await this.engine.prepareMerge({ ...common, indexUuid })).indexDetails;
    }
    if (spec.workflow === 'segments' && !CALLER_CHOSEN_UUID_TYPES.has(spec.indexType)) {
      this.leftovers.dirsBefore = new Set(await this.engine.listIndexDirs(dataset));
    }
    const batches = plan.workers.map((w, batch) => ({ batch, worker: w.worker, fragmentIds: w.fragmentIds, rows: w.rows }));
    for (const b of batches) this.emit({ type: 'batch-queued', ...b });
    const reused = new Map(batches.flatMap((b) => this.reuse(b)));
    const toRun = batches.filter((b) => !reused.has(b.batch));
    const ran = await this.engine.runBatches(
      {
        emit: (e) => {
          if (e.type === 'batch-started') this.preloadLanceDb();
          this.emit(e);
        },
        signal: this.signal,
        retries: spec.request.retries,
        timeoutMs: spec.request.batchTimeoutS ? spec.request.batchTimeoutS * 1000 : undefined,
      },
      toRun,
      { ...common, indexUuid },
    );
    for (const r of ran.batches) this.leftovers.fromBatch(r);
    const succeeded = new Map([...reused, ...builtSegments(ran.batches)]);
    this.known.outcomes.push(...ran.batches.flatMap((r) => (r.outcome ? [r.outcome] : [])));
    if (ran.failure) throw ran.failure;
    this.checkCancelled();
    const failed = this.known.outcomes.filter((o) => o.error);
    if (failed.length) {
      this.known.succeeded = succeeded;
      const lines = failed
        .sort((a, b) => a.batch - b.batch)
        .map(
          (o) => `batch ${o.batch} (worker ${o.worker}, fragments ${o.fragmentIds.join(',')}, ${o.attempts} attempt${o.attempts > 1 ? 's' : ''}): ${o.error}`,
        );
      throw new StudioError(`Index building failed:\n${lines.join('\n')}`, 'build');
    }
    return { batches: [...succeeded.entries()].sort(([a], [b]) => a - b).map(([, s]) => s), indexUuid, indexDetails };
  }
  /** A batch the resumed run already built: its segment is taken as it is, not built again. */
  private reuse(b: PlannedBatch): Array<[number, BatchSuccess]> {
    const kept = this.opts.resume?.succeeded.get(b.batch);
    if (!kept) return [];
    this.known.outcomes.push({ batch: b.batch, worker: b.worker, fragmentIds: b.fragmentIds, rows: b.rows, attempts: 0, elapsedMs: 0, uuid: kept.uuid });
    this.emit({ type: 'batch-done', batch: b.batch, worker: b.worker, elapsedMs: 0, uuid: kept.uuid });
    return [[b.batch, kept]];
  }

  /**
   * Batches failed: keep the built segments out of the cleanup, for a retry of the others
   * (segments workflow only: the merge workflow's batches share one folder).
   */
  private keepForRetry(err: unknown): void {
    const { validated: v, succeeded } = this.known;
    if (!this.opts.keepSucceeded || errorKind(err) !== 'build' || this.commitStarted || this.signal.aborted) return;
    if (!v || v.spec.workflow !== 'segments' || !succeeded?.size || !this.known.plan) return;
    this.resumable = {
      request: v.spec.request,
      dataset: v.dataset,
      readVersion: v.readVersion,
      plan: this.known.plan,
      succeeded: new Map(succeeded),
      model: this.known.model,
    };
  }

  private async commit(v: Validated, pieces: BuildPieces): Promise<{ version: number; segmentUuids: string[] }> {
    this.checkCancelled();
    this.commitStarted = true;
    const attempt = await commitPieces({ engine: this.engine, dataset: v.dataset, readVersion: v.readVersion, emit: (e) => this.emit(e) }, v.spec, pieces);
    if (!attempt.ok) {
      this.leftovers.commitFailed(attempt.announced, attempt.outcomeUnknown);
      throw attempt.error;
    }
    // Committed, or merged into the committed one and removed by the engine: not ours to clean up.
    // What stays are failed attempts' partial folders, removed after verify.
    this.leftovers.committed(attempt.nowTheIndexs);
    return attempt;
  }

  private async verify(validated: Validated): Promise<Verification> {
    const { spec, dataset, description } = validated;
    let v: Verification;
    try {
      v = await this.timed('verify.engine', () =>
        this.engine.verify({ ...dataset, name: spec.name, column: spec.column, indexType: spec.indexType, fragmentIds: spec.fragmentIds }),
      );
    } catch (err) {
      // The index is committed whatever happens here; report the failed check, don't fail the build.
      v = { ok: false, listed: false, name: spec.name, version: -1, problems: [`verification could not run: ${errorMessage(err)}`] };
    }
    // Unindexed fragments that were there at the version read were left out (a subset build); the rest came since.
    const atRead = new Set(description.fragments.map((f) => f.id));
    v.leftOutFragments = v.unindexedFragments?.filter((id) => atRead.has(id));
    if (this.opts.releaseEngine) {
      await this.discardLeftovers(validated);
      this.engineReleased = true;
      // The index is committed and verified: a stop that fails changes nothing the result says.
      await this.opts.releaseEngine().catch(() => undefined);
    }
    if (this.opts.lancedbCheck !== false)
      v.lancedb = await this.timed('verify.lancedb', () => checkWithLanceDb(dataset.uri, spec.name, v.query?.text, spec.indexType, spec.column));
    if (!v.ok) this.emit({ type: 'log', level: 'warn', message: `Verification found problems: ${v.problems.join('; ')}` });
    return v;
  }

  /** Remove what this build wrote and did not commit; reported either way. */
  private async discardLeftovers({ dataset, readVersion }: Validated): Promise<void> {
    if (this.engineReleased) return; // removed before the engine was stopped
    const keptForRetry = new Set([...(this.resumable?.succeeded.values() ?? [])].map((s) => s.uuid));
    const todo = this.leftovers.toRemove(keptForRetry);
    if (!todo) return;
    try {
      const { removed, keptReferenced } = await discardUncommitted(this.engine, dataset, todo.folders, todo.strayScanSince, readVersion, keptForRetry);
      this.leftovers.removed();
      if (removed.length) this.emit({ type: 'log', level: 'info', message: `Removed ${removed.length} uncommitted index folder(s) written by this build.` });
      if (keptReferenced.length) {
        this.emit({
          type: 'log',
          level: 'warn',
          message: `Kept ${keptReferenced.length} folder(s) this build wrote that a version of the dataset references: ${keptReferenced.join(', ')}.`,
        });
      }
    } catch (err) {
      this.emit({
        type: 'log',
        level: 'warn',
        message: `Could not remove this build's uncommitted index folders (${todo.folders.join(', ')}): ${errorMessage(err)}. \`lance-index cleanup\` removes them later.`,
      });
    }
  }
}

/** The segments the engine built, by batch. */
function builtSegments(results: BatchRunResult[]): Array<[number, BatchSuccess]> {
  return results.flatMap((r) => (r.success && r.outcome ? [[r.outcome.batch, r.success] as [number, BatchSuccess]] : []));
}
