/** A build request, its plan, its events and its result: the words the core speaks to every front end. */
import { z } from 'zod';
import { INDEX_TYPES } from '../index-types.js';
import { DatasetTargetSchema } from './dataset.js';

export const WORKFLOWS = ['segments', 'merge'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

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
  workers: z.number(),
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
});
export type BuildRequest = z.input<typeof BuildRequestSchema>;
export type ParsedBuildRequest = z.output<typeof BuildRequestSchema>;

export const WorkerLoadSchema = z.object({
  worker: z.number().int(),
  fragmentIds: z.array(z.number().int()),
  rows: z.number(),
  share: z.number(),
});
export type WorkerLoad = z.infer<typeof WorkerLoadSchema>;

export const PlanSchema = z.object({
  workers: z.array(WorkerLoadSchema),
  requestedWorkers: z.number().int(),
  totalRows: z.number(),
  idealRows: z.number(),
  /** Largest worker's rows over the ideal; 1.0 is perfect balance. */
  makespanRatio: z.number(),
  warnings: z.array(z.string()),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PHASES = ['validate', 'plan', 'build', 'commit', 'verify'] as const;
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
  rowsIndexed: z.number().int().nullable().optional(),
  query: z.object({ text: z.string(), usesIndex: z.boolean(), plan: z.array(z.string()), rows: z.number().int().optional() }).nullable().optional(),
  problems: z.array(z.string()),
  lancedb: z
    .object({ checked: z.boolean(), listed: z.boolean().optional(), usesIndex: z.boolean().optional(), note: z.string().optional() })
    .optional(),
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
});
export type BatchOutcome = z.infer<typeof BatchOutcomeSchema>;

export const ErrorKindSchema = z.enum(['input', 'build', 'conflict', 'cancelled', 'engine', 'internal']);
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
  fragmentIds: z.array(z.number().int()).optional(),
  plan: PlanSchema.optional(),
  batches: z.array(BatchOutcomeSchema),
  timingsMs: z.record(z.string(), z.number()),
  verification: VerificationSchema.optional(),
  error: z.object({ kind: ErrorKindSchema, message: z.string() }).optional(),
});
export type BuildResult = z.infer<typeof BuildResultSchema>;

const base = { jobId: z.string(), t: z.number() };
export const BuildEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('phase'), phase: PhaseSchema, state: z.enum(['started', 'done', 'failed']), elapsedMs: z.number().optional() }),
  z.object({ ...base, type: z.literal('plan'), plan: PlanSchema, indexName: z.string(), readVersion: z.number().int() }),
  z.object({ ...base, type: z.literal('batch-queued'), batch: z.number().int(), worker: z.number().int(), fragmentIds: z.array(z.number().int()), rows: z.number() }),
  z.object({ ...base, type: z.literal('batch-started'), batch: z.number().int(), worker: z.number().int(), attempt: z.number().int(), pid: z.number().int().optional() }),
  z.object({ ...base, type: z.literal('batch-progress'), batch: z.number().int(), worker: z.number().int(), stage: z.string(), completed: z.number(), total: z.number().nullable(), fraction: z.number().nullable() }),
  z.object({ ...base, type: z.literal('batch-done'), batch: z.number().int(), worker: z.number().int(), elapsedMs: z.number(), uuid: z.string() }),
  z.object({ ...base, type: z.literal('batch-failed'), batch: z.number().int(), worker: z.number().int(), attempt: z.number().int(), error: z.string(), willRetry: z.boolean() }),
  z.object({ ...base, type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ ...base, type: z.literal('result'), result: BuildResultSchema }),
]);
export type BuildEvent = z.infer<typeof BuildEventSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type BuildEventInput = DistributiveOmit<BuildEvent, 'jobId' | 't'>;
