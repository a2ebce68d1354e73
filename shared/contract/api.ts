/**
 * The window <-> core contract, declared once. Electron's preload and main, the browser-mode
 * host and the renderer's client are all generated from these tables, and every payload is
 * checked against its schema where it arrives.
 */
import * as z from 'zod';
import { BuildEventSchema, BuildRequestSchema, PlanSchema } from './build.js';
import { BuildStateSchema } from './build-state.js';
import { DatasetDescriptionSchema, DatasetTargetSchema } from './dataset.js';
import { ClusterStatusSchema, RayTargetSchema } from './cluster.js';
import { ManageApi } from './manage.js';
import { ENGINE_SETUP_EVENTS, EngineSetupApi, EngineSetupNeedSchema, EngineSourceSchema } from './engine-setup.js';

export const EngineStatusSchema = z.object({
  ok: z.boolean(),
  python: z.string().optional(),
  pylance: z.string().optional(),
  message: z.string().optional(),
  fix: z.string().optional(),
  /** CPUs where the workers run, for the window's suggested worker count. */
  cpus: z.number().int().positive().optional(),
  /** The interpreter the engine runs on (or tried), and where it was found. */
  pythonPath: z.string().optional(),
  source: EngineSourceSchema.optional(),
  /** Set when the window should offer the Engine screen (set up, or use an existing Python). */
  setup: EngineSetupNeedSchema.optional(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/** What the window remembers across launches, kept by the core (browser mode's origin changes with
 *  its port on every launch, so the page's own storage forgets). */
export const PreferencesSchema = z.object({ theme: z.enum(['system', 'light', 'dark']) });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ValidationReportSchema = z.object({
  ok: z.boolean(),
  errors: z.array(FieldErrorSchema),
  indexName: z.string().optional(),
  plan: PlanSchema.optional(),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

export const RowsPageSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  offset: z.number().int(),
  total: z.number().int(),
});
export type RowsPage = z.infer<typeof RowsPageSchema>;

export const QueryRequestSchema = z.object({
  target: DatasetTargetSchema,
  filter: z.string().optional(),
  fullText: z.object({ query: z.string().min(1), column: z.string().optional() }).optional(),
  /** A vector search: the `limit` rows nearest to the vector row `row` (its position) holds. */
  nearest: z
    .object({
      column: z.string().min(1),
      row: z.number().int().min(0),
      nprobes: z.number().int().min(1).max(100_000).optional(),
      refineFactor: z.number().int().min(1).max(1000).optional(),
    })
    .optional(),
  limit: z.number().int().min(1).max(10_000).default(100),
  /** An older version, read-only; the latest when left out. */
  version: z.number().int().min(0).optional(),
  /** Also count every matching row, not only the first `limit` (costs a second pass). */
  count: z.boolean().optional(),
  /** Also time the same query with scalar indices off, to show what the index saves. */
  compareWithoutIndex: z.boolean().optional(),
});
export type QueryRequest = z.input<typeof QueryRequestSchema>;
export const QueryResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  elapsedMs: z.number(),
  usedIndex: z.boolean(),
  plan: z.string(),
  /** Every matching row (asked for with `count`). */
  total: z.number().int().optional(),
  /** The same query without scalar indices (asked for with `compareWithoutIndex`): its time, or
   *  why there is none (full-text search needs its index; no index was used to begin with). */
  withoutIndex: z.object({ elapsedMs: z.number().nullable(), reason: z.string().nullable() }).optional(),
});
export type QueryResult = z.infer<typeof QueryResultSchema>;

export const RecentDatasetSchema = z.object({ target: DatasetTargetSchema, label: z.string(), openedAt: z.string() });
export type RecentDataset = z.infer<typeof RecentDatasetSchema>;

const empty = z.object({}).default({});

export const API = {
  engineStatus: { input: empty, output: EngineStatusSchema },
  describeDataset: {
    input: z.object({
      target: DatasetTargetSchema,
      withVersions: z.boolean().default(true),
      /** An older version, read-only; the latest when left out. */
      version: z.number().int().min(0).optional(),
    }),
    output: DatasetDescriptionSchema,
  },
  validateBuild: { input: BuildRequestSchema, output: ValidationReportSchema },
  startBuild: { input: BuildRequestSchema, output: z.object({ jobId: z.string() }) },
  cancelBuild: { input: z.object({ jobId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  /** A failed build (result.resumable): its failed batches run again, with the others' segments. */
  retryFailedBatches: { input: z.object({ jobId: z.string() }), output: z.object({ jobId: z.string() }) },
  listBuilds: { input: empty, output: z.array(BuildStateSchema) },
  previewRows: {
    input: z.object({
      target: DatasetTargetSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      /** An older version Explore shows read-only; the latest when absent. */
      version: z.number().int().min(1).optional(),
    }),
    output: RowsPageSchema,
  },
  runQuery: { input: QueryRequestSchema, output: QueryResultSchema },
  recentDatasets: { input: empty, output: z.array(RecentDatasetSchema) },
  preferences: { input: empty, output: PreferencesSchema },
  setPreferences: { input: PreferencesSchema.partial(), output: PreferencesSchema },
  pickDatasetFolder: { input: empty, output: z.object({ supported: z.boolean(), path: z.string().nullable() }) },
  /** The connection check and the Cluster view: the Ray cluster a build would run on. */
  clusterStatus: { input: RayTargetSchema, output: ClusterStatusSchema },
  ...ManageApi,
  ...EngineSetupApi,
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API)[M]['output']>;

/** What the native menu asks the window to do (Electron only; its accelerators would otherwise swallow the keys). */
export const MenuCommandSchema = z.object({ command: z.enum(['open', 'build', 'cancel', 'explore', 'history']) });
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

export const API_EVENTS = {
  buildEvent: BuildEventSchema,
  buildState: BuildStateSchema,
  menuCommand: MenuCommandSchema,
  ...ENGINE_SETUP_EVENTS,
} as const;
export type ApiEvent = keyof typeof API_EVENTS;
export type ApiEventPayload<E extends ApiEvent> = z.output<(typeof API_EVENTS)[E]>;

/** The object the renderer talks to, whether Electron's preload or browser mode's WebSocket made it. */
export type LanceIndexApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
} & {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
};

/** Errors cross the bridge as data, so the window can show the message, not a stack trace. */
export const ApiErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  /** The form field the error concerns (e.g. 'target' for a dataset that can't be opened). */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
