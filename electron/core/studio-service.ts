/**
 * The core's face to every window: one method per entry of shared/contract/api.ts. Electron's
 * main process and the browser-mode host both wrap an instance of this; neither adds logic.
 */
import { availableParallelism } from 'node:os';
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiOutput } from '@shared/contract/api.js';
import { API } from '@shared/contract/api.js';
import type * as z from 'zod';
import type { BuildEvent } from '@shared/contract/build.js';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state.js';
import { DatasetTargetSchema, type DatasetDescription, type DatasetTarget } from '@shared/contract/dataset.js';
import type { IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { LocalEngine } from '@engine/local-engine.js';
import { engineFor } from '@engine/engine-for.js';
import { clusterStatus } from '@engine/ray/cluster-status.js';
import { manageHandlers } from './manage-handlers.js';
import { locateEngine, type EngineLocation } from '@engine/engine-location.js';
import { pinnedPylance } from '@engine/pins.js';
import { PythonLauncher } from '@engine/local/process-launcher.js';
import { EngineSetupService } from './engine-setup-service.js';
import { startBuild, type BuildRun, type CoordinatorOptions } from './build-coordinator.js';
import { KeptSegments } from './kept-segments.js';
import { StudioError, errorMessage } from '@engine/engine-errors.js';
import { checkAgainstDataset, checkRequest } from './validate.js';
import { planBuild } from './plan-build.js';
import { RecentDatasets } from './recent-datasets.js';
import { PreferencesFile } from './preferences.js';

export type StudioHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
/** A handler as written here: its input already parsed (defaults filled in). */
type ParsedHandlers = { [M in ApiMethod]: (input: z.output<(typeof API)[M]['input']>) => Promise<ApiOutput<M>> };
export type StudioEventListener = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

export interface StudioServiceOptions {
  /** The per-user data folder: recent datasets (a JSON file) and the engine set up from the window. */
  stateDir: string;
  /** Electron passes its native folder picker; browser mode has none. */
  pickFolder?: () => Promise<string | null>;
  /** Electron passes a utilityProcess launcher (given `python`: the interpreter to start); Node uses child_process. */
  launcher?: (python: () => string) => import('@engine/local/process-launcher.js').ProcessLauncher;
  /** An engine to use instead of a LocalEngine over `launcher` (tests, a Ray engine). */
  engine?: IndexEngine;
  /** Passed to the coordinator: also check the new index with @lancedb/lancedb (default true). */
  lancedbCheck?: boolean;
}

/** One key per dataset, whatever order its options were typed in. */
export function targetKey(target: DatasetTarget): string {
  const t = DatasetTargetSchema.parse(target);
  const sorted = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return 'uri' in t
    ? JSON.stringify(['uri', t.uri.replace(/\/+$/, ''), sorted(t.storageOptions)])
    : JSON.stringify(['ns', t.namespace.root, t.namespace.impl, sorted(t.namespace.properties), t.tableId, sorted(t.storageOptions)]);
}

interface Job {
  key: string;
  run: BuildRun;
}

/** "ModuleNotFoundError: No module named 'lance'" out of an engine's start-up failure and its traceback. */
function lastErrorLine(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.reverse().find((l) => /^\w*(Error|Exception)\b/.test(l)) ?? lines.at(-1) ?? message;
}

export class StudioService {
  readonly handlers: StudioHandlers;
  private readonly engine: IndexEngine;
  private readonly listeners = new Set<StudioEventListener>();
  private readonly states = new Map<string, BuildState>();
  private readonly jobs = new Map<string, Job>();
  /** Latest description per dataset; reused for validation, previews and as the build's knownDescription. */
  private readonly described = new Map<string, DatasetDescription>();
  private readonly recent: RecentDatasets;
  private readonly preferences: PreferencesFile;
  private readonly kept = new KeptSegments();
  private readonly setup: EngineSetupService;
  private closed = false;

  constructor(private readonly opts: StudioServiceOptions) {
    const python = () => this.locate().python;
    this.engine = opts.engine ?? new LocalEngine(opts.launcher ? opts.launcher(python) : new PythonLauncher(python));
    this.recent = new RecentDatasets(opts.stateDir);
    this.preferences = new PreferencesFile(opts.stateDir);
    this.setup = new EngineSetupService({
      dataDir: opts.stateDir,
      publish: (state) => this.emit('engineSetup', state),
      busy: () => (this.jobs.size > 0 ? 'A build is running; the engine can be changed once it is over.' : undefined),
      restartEngine: async () => {
        if (this.engine instanceof LocalEngine) await this.engine.restart();
      },
    });
    const impl: ParsedHandlers = {
      engineStatus: () => this.engineStatus(),
      describeDataset: (i) => this.describeDataset(i.target, i.withVersions, i.version),
      validateBuild: (i) => this.validateBuild(i),
      startBuild: (i) => this.startBuild(i),
      retryFailedBatches: (i) => this.retryFailedBatches(i.jobId),
      cancelBuild: async ({ jobId }) => this.cancelBuild(jobId),
      listBuilds: async () => [...this.states.values()],
      previewRows: async (i) => this.engine.previewRows(await this.resolve(i.target), i.offset, i.limit, i.version),
      runQuery: async ({ target, ...query }) => this.engine.query(await this.resolve(target), query),
      recentDatasets: () => this.recent.list(),
      preferences: () => this.preferences.get(),
      setPreferences: (change) => this.preferences.set(change),
      clusterStatus: (i) => clusterStatus(i),
      ...manageHandlers(
        this.engine,
        (t) => this.resolve(t),
        (t) => this.described.delete(targetKey(t)),
      ),
      ...this.setup.handlers,
      pickDatasetFolder: async () => (this.opts.pickFolder ? { supported: true, path: await this.opts.pickFolder() } : { supported: false, path: null }),
    };
    // Every entry parses its input, so the service is safe to call directly, not only through a bridge.
    this.handlers = Object.fromEntries(
      (Object.keys(impl) as ApiMethod[]).map((m) => [m, (input: unknown) => (impl[m] as (i: unknown) => Promise<unknown>)(API[m].input.parse(input))]),
    ) as StudioHandlers;
  }

  /** Every event for every window; returns the unsubscribe. */
  on(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A window that went away mid-send must not break the build or the other windows.
      }
    }
  }

  /** Where the engine's Python is now (looked up each time: a set-up or a choice may have changed it). */
  private locate(): EngineLocation {
    return locateEngine({ dataDir: this.opts.stateDir });
  }

  private async engineStatus(): Promise<ApiOutput<'engineStatus'>> {
    const cpus = availableParallelism();
    // A test engine (or Ray's) has no Python here to locate.
    if (!(this.engine instanceof LocalEngine)) return this.engine.info().then((i) => ({ ok: true, python: i.python, pylance: i.pylance, cpus }));
    const at = this.locate();
    const where = { pythonPath: at.python, source: at.source };
    if (at.pinsChanged) {
      return {
        ok: false,
        cpus,
        ...where,
        message: `The engine in ${at.dataDir} was set up for ${at.pinsChanged.setUpFor}; this version of the app needs other pins. Set it up again.`,
        setup: { reason: 'pins-changed', dataDir: at.dataDir, python: at.python, source: at.source, pin: pinnedPylance() },
      };
    }
    try {
      const info = await this.engine.info();
      return { ok: true, python: info.python, pylance: info.pylance, cpus, ...where };
    } catch (err) {
      // Python on PATH without pylance is what a fresh machine has: nothing was set up yet. The
      // Engine screen is the fix there, so the message stays one line, not Python's traceback.
      const reason = at.source === 'path' ? 'none-found' : 'not-working';
      return {
        ok: false,
        cpus,
        ...where,
        message:
          reason === 'none-found' ? `No engine is set up yet; ${at.python} on PATH can't run it (${lastErrorLine(errorMessage(err))}).` : errorMessage(err),
        setup: { reason, dataDir: at.dataDir, python: at.python, source: at.source, pin: pinnedPylance() },
      };
    }
  }

  /** The latest version (remembered for validation), or an older one to look at read-only. */
  private async describeDataset(target: DatasetTarget, withVersions: boolean, version?: number): Promise<DatasetDescription> {
    let d: DatasetDescription;
    try {
      d = await this.engine.describe(target, { withVersions, version });
    } catch (err) {
      if (err instanceof StudioError && !err.field) throw new StudioError(err.message, err.kind, 'target');
      throw err;
    }
    if (version !== undefined) return d;
    this.described.set(targetKey(target), d);
    await this.recent.remember(target);
    return d;
  }

  /** Cached description when there is one: the window described the dataset when it opened it. */
  private async descriptionFor(target: DatasetTarget): Promise<DatasetDescription> {
    const key = targetKey(target);
    const known = this.described.get(key);
    if (known) return known;
    const d = await this.engine.describe(target, { withVersions: false });
    this.described.set(key, d);
    return d;
  }

  private async resolve(parsed: DatasetTarget): Promise<ResolvedDataset> {
    // A plain uri needs no round trip; a namespace is resolved by the engine (it knows the table's location).
    if ('uri' in parsed) return { uri: parsed.uri, storageOptions: parsed.storageOptions };
    const d = await this.descriptionFor(parsed);
    return { uri: d.uri, storageOptions: d.storageOptions };
  }

  private async validateBuild(input: z.output<(typeof API)['validateBuild']['input']>): Promise<ApiOutput<'validateBuild'>> {
    const checked = checkRequest(input);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    let ds: DatasetDescription;
    try {
      ds = await this.descriptionFor(checked.value.request.target);
    } catch (err) {
      return { ok: false, errors: [{ field: 'target', message: errorMessage(err) }] };
    }
    const spec = checkAgainstDataset(checked.value, ds);
    if (!spec.ok) return { ok: false, errors: spec.errors };
    return { ok: true, errors: [], indexName: spec.value.name, plan: await planBuild(this.engine, spec.value, ds) };
  }

  private async startBuild(input: z.output<(typeof API)['startBuild']['input']>): Promise<ApiOutput<'startBuild'>> {
    if (this.closed) throw new StudioError('The app is shutting down; no new builds.', 'internal');
    const target = DatasetTargetSchema.safeParse(input.target);
    if (!target.success) throw new StudioError('The build has no valid dataset target.', 'input', 'target');
    const key = targetKey(target.data);
    this.refuseIfRunning(key);
    await this.kept.dropFor(key); // a new build makes an earlier failed one's segments useless
    // A Ray build gets its own engine for its run; commit and verify may still use this machine's.
    return this.run(key, engineFor(input.engine, this.engine), input, {});
  }

  /** Runs again only the failed batches of a failed build, with the segments the others built. */
  private async retryFailedBatches(jobId: string): Promise<ApiOutput<'retryFailedBatches'>> {
    if (this.closed) throw new StudioError('The app is shutting down; no new builds.', 'internal');
    const kept = this.kept.take(jobId);
    if (!kept) {
      throw new StudioError(
        `Build ${jobId.slice(0, 8)} has no failed batches to retry (it succeeded, was cancelled, or its segments were removed when another build of the dataset started).`,
        'input',
      );
    }
    this.refuseIfRunning(kept.key); // a build of the dataset removes kept segments when it starts; a guard all the same
    return this.run(kept.key, kept.engine, kept.resumable.request, { resume: kept.resumable });
  }

  private refuseIfRunning(key: string): void {
    for (const [jobId, job] of this.jobs) {
      if (job.key === key) {
        throw new StudioError(`A build is already running on this dataset (job ${jobId.slice(0, 8)}); wait for it or cancel it.`, 'input', 'target');
      }
    }
  }

  private run(key: string, engine: IndexEngine, request: unknown, opts: CoordinatorOptions): { jobId: string } {
    const run: BuildRun = startBuild(
      engine,
      request,
      (e) => {
        // Settled before anyone hears the result: a window that reacts at once (retry, build
        // again) finds the build over and its kept segments in place.
        if (e.type === 'result') {
          this.jobs.delete(run.jobId);
          const resumable = run.resumable();
          if (e.result.resumable && resumable) this.kept.keep(run.jobId, key, engine, resumable);
        }
        this.onBuildEvent(key, e);
      },
      {
        knownDescription: this.described.get(key),
        lancedbCheck: this.opts.lancedbCheck,
        keepSucceeded: true,
        ...opts,
      },
    );
    this.jobs.set(run.jobId, { key, run });
    return { jobId: run.jobId };
  }

  private onBuildEvent(key: string, e: BuildEvent): void {
    const state = applyBuildEvent(this.states.get(e.jobId) ?? initialBuildState(e.jobId), e);
    this.states.set(e.jobId, state);
    // A committed build made a new version: the next request must re-read the dataset.
    if (e.type === 'result' || (e.type === 'phase' && e.phase === 'commit' && e.state === 'done')) this.described.delete(key);
    this.emit('buildEvent', e);
    // The whole state only at milestones: per-batch progress would resend the plan each time.
    if (e.type === 'phase' || e.type === 'plan' || e.type === 'result') this.emit('buildState', state);
  }

  private cancelBuild(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId);
    if (!job) return { cancelled: false };
    job.run.cancel();
    return { cancelled: true };
  }

  /** Cancels running builds, waits for their cleanup, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = [...this.jobs.values()];
    for (const j of running) j.run.cancel();
    await Promise.race([Promise.allSettled(running.map((j) => j.run.result)), new Promise((r) => setTimeout(r, 10_000).unref())]);
    await this.kept.dropAll();
    await this.setup.close();
    await this.engine.close();
  }
}
