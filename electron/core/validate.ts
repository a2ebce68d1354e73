/**
 * Phase 1: every check that can refuse a build before anything is written. Each problem names
 * the bad value and what would be accepted; all problems are reported together.
 */
import { BuildRequestSchema, WORKFLOWS, type ParsedBuildRequest, type Workflow } from '@shared/contract/build.js';
import type { FieldError } from '@shared/contract/api.js';
import { summarizeIds } from '@shared/format.js';
import { MAX_FRAGMENT_ID } from '@shared/engine-facts.js';
import { nameProblems, partialSegmentProblem } from '@shared/existing-index.js';
import { flattenFields, type DatasetDescription, type FragmentInfo } from '@shared/contract/dataset.js';
import { resolveVectorSettings, type VectorSettings } from '@shared/vector-settings.js';
import {
  INDEX_TYPES,
  INDEX_TYPE_INFO,
  VECTOR_INDEX_TYPES,
  columnUnsuitableReason,
  indexNameFor,
  indexParamProblem,
  parseIndexType,
  type IndexType,
} from '@shared/index-types.js';

export const MAX_WORKERS = 256;

/** Types pylance 14 knows that this app doesn't build yet, and why (refused before anything runs). */
const NOT_BUILT_DISTRIBUTED: Record<string, string> = {
  IVF_RQ: 'its batches would need one shared RaBitQ rotation (pylance 14: build_rq_model), which the train phase does not make yet',
};
export { MAX_FRAGMENT_ID };

export interface CheckedRequest {
  request: ParsedBuildRequest;
  indexType: IndexType;
  workflow: Workflow;
  column: string;
}

export interface BuildSpec extends CheckedRequest {
  name: string;
  fragmentIds: number[];
  /** Existing index of the same name (replaced by this build), if any. */
  replaces: string | undefined;
  /** Vector builds: the settings the model is trained with and every batch builds with. */
  vector?: VectorSettings;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Checks that need no dataset: shape, column, workers, type, workflow, fragment ids, parameters. */
export function checkRequest(raw: unknown): Checked<CheckedRequest> {
  const errors: FieldError[] = [];
  const r = (raw ?? {}) as Record<string, unknown>;
  const t = (r.target ?? {}) as Record<string, unknown>;
  if ('uri' in t && ('namespace' in t || 'tableId' in t)) {
    errors.push({ field: 'target', message: 'Give either a dataset uri, or a namespace with a table id, not both.' });
  }
  const parsed = BuildRequestSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'request');
      const message =
        field === 'target'
          ? issue.code === 'custom'
            ? issue.message
            : targetMessage(t)
          : field === 'workers'
            ? workersMessage(r.workers) // e.g. NaN or "2" from a form field
            : `${issue.path.join('.') || 'request'}: ${issue.message}`;
      errors.push({ field, message });
    }
    return { ok: false, errors: dedupe(errors) };
  }
  const req = parsed.data;
  const column = req.column.trim();
  if (!column) errors.push({ field: 'column', message: 'Column is empty; give the name of the column to index (nested fields as a.b).' });

  if (req.workers !== 'auto' && (!Number.isInteger(req.workers) || req.workers < 1 || req.workers > MAX_WORKERS)) {
    errors.push({ field: 'workers', message: workersMessage(req.workers) });
  }

  const indexType = parseIndexType(req.indexType);
  if (!indexType) {
    const notYet = NOT_BUILT_DISTRIBUTED[req.indexType.trim().toUpperCase()];
    errors.push({
      field: 'indexType',
      message: notYet
        ? `${req.indexType.trim().toUpperCase()} is not built by this app: ${notYet}. Vector types it builds: ${VECTOR_INDEX_TYPES.join(', ')}.`
        : `Unknown index type '${req.indexType}'; use one of ${INDEX_TYPES.join(', ')}.`,
    });
  }

  const workflow = req.workflow.trim().toLowerCase() as Workflow;
  if (!WORKFLOWS.includes(workflow)) {
    errors.push({ field: 'workflow', message: `Unknown workflow '${req.workflow}'; use ${WORKFLOWS.join(' or ')}.` });
  } else if (workflow === 'merge' && indexType && !INDEX_TYPE_INFO[indexType].mergeWorkflow) {
    errors.push({
      field: 'workflow',
      message: `The merge workflow exists only for INVERTED/FTS; ${indexType} is built with --workflow segments.`,
    });
  }
  const noMerge = indexType ? INDEX_TYPE_INFO[indexType].vector?.noMerge : undefined;
  if (noMerge && req.mergeSegments) {
    errors.push({ field: 'mergeSegments', message: `${indexType} segments are committed unmerged: ${noMerge}. Leave out --merge-segments.` });
  }
  if (workflow === 'merge' && req.mergeSegments) {
    errors.push({ field: 'mergeSegments', message: 'Merging segments applies to the segments workflow; the merge workflow always produces one index.' });
  }

  if (req.name !== undefined && !/^[^/\\\s][^/\\]*$/.test(req.name)) {
    errors.push({ field: 'name', message: `Index name '${req.name}' is not allowed; use a non-empty name without slashes or leading spaces.` });
  }

  if (req.fragmentIds !== undefined) {
    if (req.fragmentIds.length === 0)
      errors.push({ field: 'fragmentIds', message: 'The fragment list is empty; give at least one fragment id, or leave it out to index all fragments.' });
    const bad = req.fragmentIds.filter((id) => !Number.isInteger(id) || id < 0 || id > MAX_FRAGMENT_ID);
    if (bad.length)
      errors.push({ field: 'fragmentIds', message: `Fragment ids must be whole numbers from 0 to ${MAX_FRAGMENT_ID}; got ${bad.slice(0, 5).join(', ')}.` });
    // A Set, not indexOf: the window can send every id of a 100,000-fragment dataset.
    const seen = new Set<number>();
    const dupes = req.fragmentIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    if (dupes.length) errors.push({ field: 'fragmentIds', message: `Fragment ids are listed twice: ${[...new Set(dupes)].slice(0, 5).join(', ')}.` });
  }
  if (req.onlyUnindexed && req.fragmentIds !== undefined) {
    errors.push({ field: 'fragmentIds', message: 'Give either a fragment list or only-unindexed, not both.' });
  }

  if (indexType) {
    for (const [k, v] of Object.entries(req.indexParams)) {
      const problem = indexParamProblem(indexType, k, v);
      if (problem) errors.push({ field: 'indexParams', message: problem });
    }
  }
  if (errors.length || !indexType) return { ok: false, errors };
  return { ok: true, value: { request: req, indexType, workflow, column } };
}

/** Checks against the opened dataset: column and type, name, fragments. */
export function checkAgainstDataset(c: CheckedRequest, ds: DatasetDescription): Checked<BuildSpec> {
  const errors: FieldError[] = [];
  const fields = flattenFields(ds.schema);
  const field = fields.find((f) => f.path === c.column);
  if (!field) {
    const near = fields.find((f) => f.path.toLowerCase() === c.column.toLowerCase());
    // For a.b, list the fields of a when a is a struct; otherwise the top-level columns.
    const parentPath = c.column.includes('.') ? c.column.slice(0, c.column.lastIndexOf('.')) : undefined;
    const parent = parentPath ? fields.find((f) => f.path === parentPath && f.children) : undefined;
    const choices = parent
      ? `'${parent.path}' has ${parent.children!.map((f) => f.path).join(', ')}`
      : `the dataset has ${ds.schema.map((f) => f.path).join(', ')}${fields.length > ds.schema.length ? ' (nested fields as a.b)' : ''}`;
    errors.push({
      field: 'column',
      message: `Column '${c.column}' does not exist${near ? ` (did you mean '${near.path}'?)` : ''}; ${choices}.`,
    });
  } else {
    const why = columnUnsuitableReason(c.indexType, c.column, field.type);
    if (why) {
      const fitting = fields.filter((f) => INDEX_TYPE_INFO[c.indexType].suits(f.type)).map((f) => f.path);
      errors.push({ field: 'column', message: `${why} Columns that suit ${c.indexType}: ${fitting.join(', ') || 'none'}.` });
    }
  }

  const name = indexNameFor(c.request.name, c.column);
  const existing = ds.indices.find((i) => i.name === name);
  const use = { name, column: c.column, fieldName: field?.name, indexType: c.indexType, replace: c.request.replace };
  errors.push(...nameProblems(existing, use));

  let fragmentIds = ds.fragments.map((f) => f.id);
  if (c.request.fragmentIds) {
    const problem = unknownFragmentsProblem(c.request.fragmentIds, ds);
    if (problem) errors.push({ field: 'fragmentIds', message: problem });
    fragmentIds = c.request.fragmentIds;
  } else if (c.request.onlyUnindexed) {
    const covered = new Set(existing?.fragmentIds ?? []);
    fragmentIds = fragmentIds.filter((id) => !covered.has(id));
    if (existing && fragmentIds.length === 0) {
      errors.push({ field: 'fragmentIds', message: `Index '${name}' already covers every fragment at version ${ds.version}; nothing to index.` });
    }
  }
  const vector =
    field && INDEX_TYPE_INFO[c.indexType].vector && INDEX_TYPE_INFO[c.indexType].suits(field.type)
      ? resolveVectorSettings(c.indexType, c.column, field.type, c.request.indexParams, plannedRows(ds, fragmentIds))
      : undefined;
  if (vector && !vector.ok) errors.push(...vector.problems.map((message) => ({ field: 'indexParams', message })));
  const partial = partialSegmentProblem(existing, fragmentIds, c.request.replace, c.workflow);
  if (partial) errors.push(partial);
  if (ds.formatProblem) {
    errors.push({
      field: 'target',
      message: `The dataset's data is in Lance file format ${ds.format}, and ${ds.formatProblem}. Build with the pylance that wrote it (LANCE_INDEX_PYTHON=/path/to/its/python), or rewrite the dataset in a format this engine reads, e.g. lance.write_dataset(lance.dataset(uri), new_uri, data_storage_version="2.2").`,
    });
  }
  if (ds.fragments.length === 0) {
    errors.push({ field: 'target', message: `The dataset at ${ds.uri} has no fragments (no rows) at version ${ds.version}; there is nothing to index.` });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ...c, name, fragmentIds, replaces: existing?.name, ...(vector?.ok ? { vector: vector.value } : {}) } };
}

/** Live rows of the planned fragments (what a vector model trains on); null if any count is unknown. */
function plannedRows(ds: DatasetDescription, ids: readonly number[]): number | null {
  const rows = fragmentsOf(ds, ids).map((f) => f.rows);
  return rows.some((r) => r === null) ? null : rows.reduce<number>((n, r) => n + (r ?? 0), 0);
}

function workersMessage(value: unknown): string {
  return `Workers must be a whole number from 1 to ${MAX_WORKERS}; got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}.`;
}

/** The message for fragment ids the dataset doesn't have, or undefined when all exist. */
export function unknownFragmentsProblem(ids: readonly number[], ds: DatasetDescription): string | undefined {
  const present = new Set(ds.fragments.map((f) => f.id));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length === 0) return undefined;
  const many = missing.length > 1;
  return `Fragment ${many ? 'ids' : 'id'} ${missing.slice(0, 10).join(', ')} ${many ? 'do' : 'does'} not exist at version ${ds.version}; existing ids: ${summarizeIds([...present])}.`;
}

export function fragmentsOf(ds: DatasetDescription, ids: readonly number[]): FragmentInfo[] {
  const wanted = new Set(ids);
  return ds.fragments.filter((f) => wanted.has(f.id));
}

function targetMessage(t: Record<string, unknown>): string {
  if (!('uri' in t) && !('namespace' in t)) return 'No dataset given: give a dataset path/uri, or a namespace root with a table id.';
  if ('namespace' in t && !('tableId' in t)) return 'A namespace needs a table id (e.g. --table-id reviews).';
  if ('uri' in t && typeof t.uri === 'string' && !t.uri.trim()) return 'The dataset path is empty; give a folder or object-store uri.';
  return 'The dataset target is incomplete: give a path/uri, or a namespace root with a table id.';
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
