/** A build request, its plan, its events and its result: the words the core speaks to every front end. */
import * as z from 'zod';
import { DatasetTargetSchema } from './dataset.js';

export const WORKFLOWS = ['segments', 'merge'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

/** Where a build runs: this machine's worker pool, or a Ray cluster reached through its Jobs REST API. */
export const EngineChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({
    kind: z.literal('ray'),
    /** The Ray dashboard, e.g. http://127.0.0.1:8265 (where the Jobs REST API is served). */
    address: z.string(),
    /** Ray's auth token (Ray >= 2.52 turns token auth on); never echoed back in states or results. */
    token: z.string().optional(),
    /** Add the engine's exact pins to the job's runtime_env pip (for clusters that reach a package index). */
    pip: z.boolean().default(false),
  }),
]);
export type EngineChoice = z.input<typeof EngineChoiceSchema>;

/** A Ray node as events name it. */
export const NodeRefSchema = z.object({ id: z.string(), ip: z.string() });
export type NodeRef = z.infer<typeof NodeRefSchema>;

/** Which engine ran a build, as results and states report it (no secrets). */
export const EngineRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('ray'), address: z.string(), submissionId: z.string().optional() }),
]);
export type EngineRef = z.infer<typeof EngineRefSchema>;

export const IndexParamValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/**
 * Raw build input as a person typed it. Only the shape is checked here; the meaning
 * (column exists, type suits, fragments exist, ...) is checked by the core's validation, which
 * produces messages that name the bad value.
 */
export const BuildRequestSchema = z.object({
  target: DatasetTargetSchema,
  column: z.string(),
  indexType: z.string(),
  /** A count, or 'auto': as many as pay for themselves (shared/auto-workers.ts). */
  workers: z.union([z.number(), z.literal('auto')]),
  name: z.string().optional(),
  replace: z.boolean().default(true),
  fragmentIds: z.array(z.number()).optional(),
  workflow: z.string().default('segments'),
  /** Merge the per-batch segments into one before commit; undefined = the faster-query default. */
  mergeSegments: z.boolean().optional(),
  indexParams: z.record(z.string(), IndexParamValueSchema).default({}),
  retries: z.number().int().min(0).max(10).default(2),
  batchTimeoutS: z.number().positive().optional(),
  onlyUnindexed: z.boolean().default(false),
  /** What batches are balanced by: the indexed column's bytes (auto: for text and lists), or rows. */
  balanceBy: z.enum(['auto', 'rows', 'bytes']).default('auto'),
  engine: EngineChoiceSchema.default({ kind: 'local' }),
});
export type BuildRequest = z.input<typeof BuildRequestSchema>;
export type ParsedBuildRequest = z.output<typeof BuildRequestSchema>;

export const WorkerLoadSchema = z.object({
  worker: z.number().int(),
  fragmentIds: z.array(z.number().int()),
  rows: z.number(),
  /** Bytes of the indexed column, when the plan balances by bytes. */
  bytes: z.number().optional(),
  /** Share of the work (in the measure balanced by), percent. */
  share: z.number(),
});
export type WorkerLoad = z.infer<typeof WorkerLoadSchema>;

export const PlanSchema = z.object({
  workers: z.array(WorkerLoadSchema),
  requestedWorkers: z.number().int(),
  totalRows: z.number(),
  idealRows: z.number(),
  /** Largest worker's work over the ideal (in the measure balanced by); 1.0 is perfect balance. */
  makespanRatio: z.number(),
  /** Rows, or the indexed column's bytes (text of uneven length: rows would mislead). */
  balancedBy: z.enum(['rows', 'bytes']).default('rows'),
  warnings: z.array(z.string()),
  /** When the worker count was chosen automatically: how many and why. */
  autoWorkers: z.string().optional(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** `train` runs for vector indices only (the shared model); other builds report it 'skipped'. */
export const PHASES = ['validate', 'plan', 'train', 'build', 'commit', 'verify'] as const;
export type Phase = (typeof PHASES)[number];
export const PhaseSchema = z.enum(PHASES);

export const VerificationSchema = z.object({
  ok: z.boolean(),
  listed: z.boolean(),
  name: z.string(),
  version: z.number().int(),
  type: z.string().optional(),
  segments: z.number().int().optional(),
  coveredFragments: z.array(z.number().int()).optional(),
  plannedFragmentsCovered: z.boolean().optional(),
  unindexedFragments: z.array(z.number().int()).optional(),
  /** Of the unindexed ones, those that existed at the version read but were not asked for (a subset build). */
  leftOutFragments: z.array(z.number().int()).optional(),
  rowsIndexed: z.number().int().nullable().optional(),
  query: z
    .object({ text: z.string(), usesIndex: z.boolean(), plan: z.array(z.string()), rows: z.number().int().optional() })
    .nullable()
    .optional(),
  /** Vector indices: recall@k of the index's answers against an exact search, over sampled queries. */
  recall: z
    .object({ k: z.number().int(), queries: z.number().int(), nprobes: z.number().int(), value: z.number(), required: z.number().nullable() })
    .nullable()
    .optional(),
  problems: z.array(z.string()),
  lancedb: z.object({ checked: z.boolean(), listed: z.boolean().optional(), usesIndex: z.boolean().optional(), note: z.string().optional() }).optional(),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const BatchOutcomeSchema = z.object({
  batch: z.number().int(),
  worker: z.number().int(),
  fragmentIds: z.array(z.number().int()),
  rows: z.number(),
  attempts: z.number().int(),
  elapsedMs: z.number(),
  uuid: z.string().optional(),
  error: z.string().optional(),
  /** The Ray node of the last attempt (Ray engine only). */
  node: NodeRefSchema.optional(),
  /** Vector builds: the id of the model the batch built with, as the batch computed it from what it received. */
  modelId: z.string().optional(),
});
export type BatchOutcome = z.infer<typeof BatchOutcomeSchema>;

/** The engine's kinds (engine facts) and the app's own; test/unit/engine-facts.test.ts checks they agree. */
/** A vector build's trained model, as events and results describe it (the arrays stay in the core). */
export const VectorModelSummarySchema = z.object({
  modelId: z.string(),
  indexType: z.string(),
  metric: z.string(),
  dimension: z.number().int(),
  numPartitions: z.number().int(),
  numSubVectors: z.number().int().nullable(),
  numBits: z.number().int().nullable(),
  sampleRate: z.number().int(),
  /** The fragments it was trained on (the build's planned ones). */
  fragments: z.number().int(),
  /** Trained by this run, or taken over from the failed run a retry of failed batches resumes. */
  reused: z.boolean(),
});
export type VectorModelSummary = z.infer<typeof VectorModelSummarySchema>;

export const ErrorKindSchema = z.enum(['input', 'build', 'conflict', 'cancelled', 'engine', 'internal', 'protocol']);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const BuildResultSchema = z.object({
  ok: z.boolean(),
  jobId: z.string(),
  uri: z.string(),
  indexName: z.string().optional(),
  indexType: z.string().optional(),
  column: z.string().optional(),
  workflow: z.string().optional(),
  readVersion: z.number().int().optional(),
  version: z.number().int().optional(),
  segmentUuids: z.array(z.string()).optional(),
  /** The fragments the build was asked to index (the plan's). */
  fragmentIds: z.array(z.number().int()).optional(),
  /** The fragments the committed batches say they indexed, at the version that was read. */
  indexedFragmentIds: z.array(z.number().int()).optional(),
  plan: PlanSchema.optional(),
  batches: z.array(BatchOutcomeSchema),
  timingsMs: z.record(z.string(), z.number()),
  verification: VerificationSchema.optional(),
  error: z.object({ kind: ErrorKindSchema, message: z.string() }).optional(),
  engine: EngineRefSchema.optional(),
  /** Failed batches can be run again alone: the others' segments are kept (retryFailedBatches). */
  resumable: z.boolean().optional(),
  /** Vector builds: the model every batch built with. */
  model: VectorModelSummarySchema.optional(),
});
export type BuildResult = z.infer<typeof BuildResultSchema>;

const base = { jobId: z.string(), t: z.number() };
export const BuildEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('phase'),
    phase: PhaseSchema,
    state: z.enum(['started', 'done', 'failed', 'skipped']),
    elapsedMs: z.number().optional(),
  }),
  /** The train phase's progress: pylance's k-means has no callback, so its stages (train_ivf, train_pq) start and complete. */
  z.object({
    ...base,
    type: z.literal('train-progress'),
    stage: z.string(),
    completed: z.number(),
    total: z.number().nullable(),
    fraction: z.number().nullable(),
  }),
  /** The model is trained (or taken over by a resumed run): every batch and retry builds with it. */
  z.object({ ...base, type: z.literal('model'), model: VectorModelSummarySchema }),
  z.object({ ...base, type: z.literal('plan'), plan: PlanSchema, indexName: z.string(), readVersion: z.number().int() }),
  z.object({
    ...base,
    type: z.literal('batch-queued'),
    batch: z.number().int(),
    worker: z.number().int(),
    fragmentIds: z.array(z.number().int()),
    rows: z.number(),
  }),
  z.object({ ...base, type: z.literal('engine'), engine: EngineRefSchema }),
  z.object({
    ...base,
    type: z.literal('batch-started'),
    batch: z.number().int(),
    worker: z.number().int(),
    attempt: z.number().int(),
    pid: z.number().int().optional(),
    node: NodeRefSchema.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('batch-progress'),
    batch: z.number().int(),
    worker: z.number().int(),
    stage: z.string(),
    completed: z.number(),
    total: z.number().nullable(),
    fraction: z.number().nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('batch-done'),
    batch: z.number().int(),
    worker: z.number().int(),
    elapsedMs: z.number(),
    uuid: z.string(),
    node: NodeRefSchema.optional(),
    modelId: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('batch-failed'),
    batch: z.number().int(),
    worker: z.number().int(),
    attempt: z.number().int(),
    error: z.string(),
    willRetry: z.boolean(),
    node: NodeRefSchema.optional(),
  }),
  /** How many of the build's batches can run at once, and why (CPUs here, or the cluster's). */
  z.object({ ...base, type: z.literal('concurrency'), atOnce: z.number().int().positive(), reason: z.string() }),
  /** A running batch's worker process, sampled about once a second (local engine only). */
  z.object({
    ...base,
    type: z.literal('batch-resources'),
    batch: z.number().int(),
    worker: z.number().int(),
    pid: z.number().int(),
    cpuPercent: z.number(),
    rssBytes: z.number(),
  }),
  z.object({ ...base, type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ ...base, type: z.literal('result'), result: BuildResultSchema }),
]);
export type BuildEvent = z.infer<typeof BuildEventSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type BuildEventInput = DistributiveOmit<BuildEvent, 'jobId' | 't'>;
