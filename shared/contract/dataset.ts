/** What the window and the CLI know about a dataset: schema, fragments, indices, versions. */
import * as z from 'zod';

export interface ColumnType {
  kind:
    'bool' | 'int' | 'float' | 'decimal' | 'string' | 'binary' | 'date' | 'timestamp' | 'time' | 'list' | 'fixed_size_list' | 'struct' | 'dictionary' | 'other';
  arrow: string;
  item?: ColumnType;
  size?: number;
}
export const ColumnTypeSchema: z.ZodType<ColumnType> = z.lazy(() =>
  z.object({
    kind: z.enum([
      'bool',
      'int',
      'float',
      'decimal',
      'string',
      'binary',
      'date',
      'timestamp',
      'time',
      'list',
      'fixed_size_list',
      'struct',
      'dictionary',
      'other',
    ]),
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
  /** What the version did ("CreateIndex review_idx", "Append 2 fragments"); null when unknown. */
  operation: z.string().nullable().optional(),
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
  /** Lance's file format of the data (e.g. "2.2"). */
  format: z.string().optional(),
  /** Why the engine can't read data in that format, when it can't (checked on one row). */
  formatProblem: z.string().nullable().optional(),
});
export type DatasetDescription = z.infer<typeof DatasetDescriptionSchema>;

/**
 * The namespace implementations the app supports. lance_namespace.connect imports any other
 * value as a Python module path, and importing a module can run code, so nothing else gets through.
 */
export const NAMESPACE_IMPLS = ['dir', 'rest'] as const;

function namespaceImplProblem(impl: string): string | undefined {
  return (NAMESPACE_IMPLS as readonly string[]).includes(impl)
    ? undefined
    : `Namespace implementation '${impl}' is not supported; use 'dir' (a Lance directory namespace) or 'rest' (a Lance REST namespace server).`;
}

/** Where a dataset lives: a uri (local path or object store) or a Lance namespace + table id. */
export const DatasetTargetSchema = z
  .union([
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
  ])
  .superRefine((t, ctx) => {
    // Checked on the union's result: a failure inside one branch of a union surfaces only as
    // "Invalid input", which would hide the value and what is accepted.
    const problem = 'namespace' in t ? namespaceImplProblem(t.namespace.impl) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['namespace', 'impl'], message: problem });
  });
export type DatasetTarget = z.infer<typeof DatasetTargetSchema>;

export function targetLabel(target: DatasetTarget): string {
  return 'uri' in target ? target.uri : `${target.namespace.root} :: ${target.tableId.join('.')}`;
}

/** Flattens nested struct fields into `a.b` paths, the form columns are named by. */
export function flattenFields(fields: SchemaField[]): SchemaField[] {
  return fields.flatMap((f) => [f, ...(f.children ? flattenFields(f.children) : [])]);
}
