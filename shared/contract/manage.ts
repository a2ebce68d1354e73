/** Looking after a dataset's indices from the window: column statistics, drop, rename, cleanup. */
import * as z from 'zod';
import { DatasetTargetSchema } from './dataset.js';

export const ColumnStatsSchema = z.object({
  column: z.string(),
  rowsRead: z.number().int(),
  totalRows: z.number().int(),
  /** Read from the first rows only (large datasets): the counts are of those rows. */
  sampled: z.boolean(),
  nulls: z.number().int(),
  distinct: z.number().int().nullable(),
  min: z.unknown(),
  max: z.unknown(),
  avgLength: z.number().nullable(),
  avgWords: z.number().nullable(),
  /** For list columns: distinct items across all lists. */
  listItemsDistinct: z.number().int().nullable(),
});
export type ColumnStats = z.infer<typeof ColumnStatsSchema>;

export const IndexNameSchema = z
  .string()
  .regex(/^[^/\\\s][^/\\]*$/, 'a non-empty name without slashes or leading spaces')
  .max(256);

export const ManageApi = {
  columnStats: {
    input: z.object({ target: DatasetTargetSchema, column: z.string().min(1) }),
    output: ColumnStatsSchema,
  },
  dropIndex: {
    input: z.object({ target: DatasetTargetSchema, name: z.string().min(1) }),
    output: z.object({ version: z.number().int() }),
  },
  renameIndex: {
    input: z.object({ target: DatasetTargetSchema, name: z.string().min(1), newName: IndexNameSchema }),
    output: z.object({ version: z.number().int() }),
  },
  /** Index folders no version references (left by failed or crashed builds of any tool). */
  findOrphans: {
    input: z.object({ target: DatasetTargetSchema, minAgeS: z.number().min(0).default(0) }),
    output: z.object({
      orphans: z.array(z.object({ uuid: z.string(), bytes: z.number(), ageS: z.number().nullable() })),
      tooRecent: z.array(z.object({ uuid: z.string(), ageS: z.number().nullable() })),
    }),
  },
  removeOrphans: {
    input: z.object({ target: DatasetTargetSchema, uuids: z.array(z.string()).max(100_000) }),
    output: z.object({ removed: z.array(z.string()), keptReferenced: z.array(z.string()) }),
  },
} as const;
