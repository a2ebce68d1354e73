/**
 * The core's face to every window: one method per entry of shared/contract/api.ts. Electron's
 * main process and the browser-mode host both wrap an instance of this; neither adds logic.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiOutput, RecentDataset } from '@shared/contract/api.js';
import { API, RecentDatasetSchema } from '@shared/contract/api.js';
import type { z } from 'zod';
import type { BuildEvent } from '@shared/contract/build.js';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state.js';
import { DatasetTargetSchema, type DatasetDescription, type DatasetTarget } from '@shared/contract/dataset.js';
import type { IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { LocalEngine } from '@engine/local-engine.js';
import { SETUP_COMMAND } from '@engine/python-env.js';
import { startBuild, type BuildRun } from './build-coordinator.js';
import { StudioError, errorMessage } from './engine-errors.js';
import { checkAgainstDataset, checkRequest, planFor } from './validate.js';

export type StudioHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
/** A handler as written here: its input already parsed (defaults filled in). */
type ParsedHandlers = { [M in ApiMethod]: (input: z.output<(typeof API)[M]['input']>) => Promise<ApiOutput<M>> };
export type StudioEventListener = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

export interface StudioServiceOptions {
  /** Where recent datasets are remembered (a JSON file); per user in Electron, per host in browser mode. */
  stateDir: string;
  /** Electron passes its native folder picker; browser mode has none. */
  pickFolder?: () => Promise<string | null>;
  /** Electron passes a utilityProcess launcher; Node uses child_process. */
  launcher?: import('./process-launcher.js').ProcessLauncher;
  /** An engine to use instead of a LocalEngine over `launcher` (tests, a Ray engine). */
  engine?: IndexEngine;
  /** Passed to the coordinator: also check the new index with @lancedb/lancedb (default true). */
  lancedbCheck?: boolean;
}

const RECENT_FILE = 'recent-datasets.json';
const RECENT_MAX = 12;

/** One key per dataset, whatever order its options were typed in. */
export function targetKey(target: DatasetTarget): string {
  const t = DatasetTargetSchema.parse(target);
  const sorted = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return 'uri' in t
    ? JSON.stringify(['uri', t.uri.replace(/\/+$/, ''), sorted(t.storageOptions)])
    : JSON.stringify(['ns', t.namespace.root, t.namespace.impl, sorted(t.namespace.properties), t.tableId, sorted(t.storageOptions)]);
}

function labelOf(target: DatasetTarget): string {
  if ('uri' in target) return basename(target.uri.replace(/\/+$/, '')) || target.uri;
  return target.tableId.join('.');
}

interface Job {
  key: string;
  run: BuildRun;
}

export class StudioService {
  readonly handlers: StudioHandlers;
  private readonly engine: IndexEngine;
  private readonly listeners = new Set<StudioEventListener>();
  private readonly states = new Map<string, BuildState>();
  private readonly jobs = new Map<string, Job>();
  /** Latest description per dataset; reused for validation, previews and as the build's knownDescription. */
  private readonly described = new Map<string, DatasetDescription>();
  private recent: RecentDataset[] | undefined;
  private closed = false;

  constructor(private readonly opts: StudioServiceOptions) {
    this.engine = opts.engine ?? new LocalEngine(opts.launcher);
    const impl: ParsedHandlers = {
      engineStatus: () => this.engineStatus(),
      describeDataset: (i) => this.describeDataset(i.target, i.withVersions),
      validateBuild: (i) => this.validateBuild(i),
      startBuild: (i) => this.startBuild(i),
      cancelBuild: async ({ jobId }) => this.cancelBuild(jobId),
      listBuilds: async () => [...this.states.values()],
      previewRows: async (i) => this.engine.previewRows(await this.resolve(i.target), i.offset, i.limit),
      runQuery: async (i) =>
        this.engine.query(await this.resolve(i.target), { filter: i.filter, fullText: i.fullText, limit: i.limit }),
      recentDatasets: () => this.recentDatasets(),
      pickDatasetFolder: async () =>
        this.opts.pickFolder ? { supported: true, path: await this.opts.pickFolder() } : { supported: false, path: null },
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

  private async engineStatus(): Promise<ApiOutput<'engineStatus'>> {
    try {
      const info = await this.engine.info();
      return { ok: true, python: info.python, pylance: info.pylance, cpus: availableParallelism() };
    } catch (err) {
      return { ok: false, message: errorMessage(err), fix: SETUP_COMMAND, cpus: availableParallelism() };
    }
  }

  private async describeDataset(target: DatasetTarget, withVersions: boolean): Promise<DatasetDescription> {
    const key = targetKey(target);
    let d: DatasetDescription;
    try {
      d = await this.engine.describe(target, { withVersions });
    } catch (err) {
      if (err instanceof StudioError && !err.field) throw new StudioError(err.message, err.kind, 'target');
      throw err;
    }
    this.described.set(key, d);
    await this.remember(target);
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
    return { ok: true, errors: [], indexName: spec.value.name, plan: planFor(spec.value, ds) };
  }

  private async startBuild(input: z.output<(typeof API)['startBuild']['input']>): Promise<ApiOutput<'startBuild'>> {
    if (this.closed) throw new StudioError('The app is shutting down; no new builds.', 'internal');
    const target = DatasetTargetSchema.safeParse(input.target);
    if (!target.success) throw new StudioError('The build has no valid dataset target.', 'input', 'target');
    const key = targetKey(target.data);
    for (const [jobId, job] of this.jobs) {
      if (job.key === key) {
        throw new StudioError(`A build is already running on this dataset (job ${jobId.slice(0, 8)}); wait for it or cancel it.`, 'input', 'target');
      }
    }
    const run = startBuild(this.engine, input, (e) => this.onBuildEvent(key, e), {
      knownDescription: this.described.get(key),
      lancedbCheck: this.opts.lancedbCheck,
    });
    this.jobs.set(run.jobId, { key, run });
    void run.result.finally(() => this.jobs.delete(run.jobId));
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

  private async recentDatasets(): Promise<RecentDataset[]> {
    if (this.recent) return this.recent;
    try {
      const raw: unknown = JSON.parse(await readFile(join(this.opts.stateDir, RECENT_FILE), 'utf8'));
      // A hand-edited or older file: keep the entries that still parse, drop the rest.
      this.recent = (Array.isArray(raw) ? raw : []).flatMap((r) => {
        const p = RecentDatasetSchema.safeParse(r);
        return p.success ? [p.data] : [];
      });
    } catch {
      this.recent = [];
    }
    return this.recent;
  }

  private async remember(target: DatasetTarget): Promise<void> {
    const key = targetKey(target);
    const list = (await this.recentDatasets()).filter((r) => targetKey(r.target) !== key);
    this.recent = [{ target, label: labelOf(target), openedAt: new Date().toISOString() }, ...list].slice(0, RECENT_MAX);
    try {
      await mkdir(this.opts.stateDir, { recursive: true });
      // Write then rename, so a crash mid-write never leaves a half file.
      const file = join(this.opts.stateDir, RECENT_FILE);
      await writeFile(`${file}.tmp`, JSON.stringify(this.recent, null, 2));
      await rename(`${file}.tmp`, file);
    } catch {
      // Not remembering a dataset is no reason to fail opening it.
    }
  }

  /** Cancels running builds, waits for their cleanup, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = [...this.jobs.values()];
    for (const j of running) j.run.cancel();
    await Promise.race([
      Promise.allSettled(running.map((j) => j.run.result)),
      new Promise((r) => setTimeout(r, 10_000).unref()),
    ]);
    await this.engine.close();
  }
}
