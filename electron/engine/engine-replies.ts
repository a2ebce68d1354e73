/**
 * Every reply of the Python engine is checked against a schema before the app uses it: the
 * contract's own for what the window gets (a description, a verification, rows, a query's
 * result, column statistics), small ones for the rest. A reply that doesn't fit is a protocol
 * error naming the method and the field, not an `undefined` found three calls later.
 */
import * as z from 'zod';
import { StudioError } from './engine-errors.js';

const uuids = z.array(z.string());

/** The engine's snake_case replies whose camelCase forms have no schema of their own in the contract. */
export const REPLIES = {
  prepare_merge: z.object({ index_details: z.unknown() }),
  train_vector: z.object({ model_id: z.string(), model: z.object({ num_partitions: z.number().int() }).loose() }),
  commit: z.object({ version: z.number().int(), segment_uuids: uuids }),
  removal: z.object({ removed: uuids, kept_referenced: uuids }),
  list_index_dirs: z.object({ uuids }),
  find_orphans: z.object({
    orphans: z.array(z.object({ uuid: z.string(), bytes: z.number(), age_s: z.number().nullable() })),
    too_recent: z.array(z.object({ uuid: z.string(), age_s: z.number().nullable() })),
  }),
  sample: z.object({ uri: z.string(), version: z.number().int(), rows: z.number().int(), fragments: z.number().int() }),
  column_bytes: z.object({ bytes: z.record(z.string(), z.number()) }),
  version: z.object({ version: z.number().int() }),
  /** One batch's segment (local worker or Ray task alike). */
  build_batch: z.object({
    fragment_ids: z.array(z.number().int()),
    fields: z.array(z.number().int()),
    uuid: z.string(),
    segment: z.record(z.string(), z.unknown()).nullable(),
    model_id: z.string().nullable().optional(),
  }),
} as const;

/** `value` as `schema` says, or a protocol error naming the method and the first field that doesn't fit. */
export function fitReply<T>(method: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'the reply';
  throw new StudioError(`The engine's reply to '${method}' doesn't fit: ${field}: ${issue.message}.`, 'protocol');
}

/** Maps a reply with `map`, then checks the result: a reply too broken to map is refused the same way. */
export function mapReply<T>(method: string, schema: z.ZodType<T>, raw: unknown, map: (raw: never) => unknown): T {
  let mapped: unknown;
  try {
    mapped = map(raw as never);
  } catch (err) {
    throw new StudioError(`The engine's reply to '${method}' doesn't fit: ${(err as Error).message}.`, 'protocol');
  }
  return fitReply(method, schema, mapped);
}
