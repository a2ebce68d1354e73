/** What the window and the CLI know about a dataset: schema, fragments, indices, versions. */
import { z } from 'zod';

export interface ColumnType {
  kind:
    | 'bool' | 'int' | 'float' | 'decimal' | 'string' | 'binary' | 'date' | 'timestamp' | 'time'
    | 'list' | 'fixed_size_list' | 'struct' | 'dictionary' | 'other';
  arrow: string;
  item?: ColumnType;
  size?: number;
}
export const ColumnTypeSchema: z.ZodType<ColumnType> = z.lazy(() =>
  z.object({
    kind: z.enum(['bool', 'int', 'float', 'decimal', 'string', 'binary', 'date', 'timestamp', 'time',
      'list', 'fixed_size_list', 'struct', 'dictionary', 'other']),
    arrow: z.string(),
    item: ColumnTypeSchema.optional(),
    size: z.number().optional(),
  }),
);

export interface SchemaField {
  name: string;
  path: string;
  type: ColumnType;
  nullable: boolean;
  children?: SchemaField[];
}
export const SchemaFieldSchema: z.ZodType<SchemaField> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string(),
    type: ColumnTypeSchema,
    nullable: z.boolean(),
    children: z.array(SchemaFieldSchema).optional(),
  }),
);

export const FragmentInfoSchema = z.object({
  id: z.number().int().nonnegative(),
  /** Live rows (physical minus deleted); null when Lance can't tell. */
  rows: z.number().int().nonnegative().nullable(),
  physicalRows: z.number().int().nonnegative().nullable(),
  deletedRows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative().nullable(),
});
export type FragmentInfo = z.infer<typeof FragmentInfoSchema>;

export const IndexSegmentSchema = z.object({
  uuid: z.string(),
  fragmentIds: z.array(z.number().int()),
  datasetVersion: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
});

export const IndexInfoSchema = z.object({
  name: z.string(),
  type: z.string(),
  fields: z.array(z.string()),
  segments: z.array(IndexSegmentSchema),
  fragmentIds: z.array(z.number().int()),
  rowsIndexed: z.number().int().nullable(),
});
export type IndexInfo = z.infer<typeof IndexInfoSchema>;

export const VersionInfoSchema = z.object({
  version: z.number().int(),
  timestamp: z.string().nullable(),
  rows: z.number().int().nullable(),
  fragments: z.number().int().nullable(),
});
export type VersionInfo = z.infer<typeof VersionInfoSchema>;

export const DatasetDescriptionSchema = z.object({
  uri: z.string(),
  storageOptions: z.record(z.string(), z.string()),
  version: z.number().int(),
  latestVersion: z.number().int(),
  schema: z.array(SchemaFieldSchema),
  fragments: z.array(FragmentInfoSchema),
  indices: z.array(IndexInfoSchema),
  versions: z.array(VersionInfoSchema).optional(),
});
export type DatasetDescription = z.infer<typeof DatasetDescriptionSchema>;

/** Where a dataset lives: a uri (local path or object store) or a Lance namespace + table id. */
export const DatasetTargetSchema = z.union([
  z.object({
    uri: z.string().min(1, 'Give a dataset path or uri'),
    storageOptions: z.record(z.string(), z.string()).default({}),
  }),
  z.object({
    namespace: z.object({
      root: z.string().min(1, 'Give the namespace root folder or uri'),
      impl: z.string().default('dir'),
      properties: z.record(z.string(), z.string()).default({}),
    }),
    tableId: z.array(z.string().min(1)).min(1, 'Give a table id'),
    storageOptions: z.record(z.string(), z.string()).default({}),
  }),
]);
export type DatasetTarget = z.infer<typeof DatasetTargetSchema>;

export function targetLabel(target: DatasetTarget): string {
  return 'uri' in target ? target.uri : `${target.namespace.root} :: ${target.tableId.join('.')}`;
}

/** Flattens nested struct fields into `a.b` paths, the form columns are named by. */
export function flattenFields(fields: SchemaField[]): SchemaField[] {
  return fields.flatMap((f) => [f, ...(f.children ? flattenFields(f.children) : [])]);
}
