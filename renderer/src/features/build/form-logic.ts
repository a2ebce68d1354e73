/**
 * The Build form's pure logic: which columns suit a type (and why the others don't), parsing of
 * typed values, the request sent to the core, the suggested worker count.
 */
import type { BuildRequest, Workflow } from '@shared/contract/build';
import type { FieldError } from '@shared/contract/api';
import { flattenFields, type DatasetDescription, type DatasetTarget, type FragmentInfo, type SchemaField } from '@shared/contract/dataset';
import { autoWorkers, type AutoWorkers } from '@shared/auto-workers';
import { INDEX_TYPE_INFO, columnUnsuitableReason, indexNameFor, type IndexType, type ParamKind } from '@shared/index-types';
import { DEFAULT_ENGINE, engineChoice, type EngineForm } from './engine-form';

export interface BuildForm {
  indexType: IndexType;
  column: string;
  workers: string;
  name: string;
  /** The name was filled in by the window (a shortcut), not typed: a change of column or type clears it. */
  nameAuto: boolean;
  replace: boolean;
  workflow: Workflow;
  /** Follows the type's default (INDEX_TYPE_INFO[t].mergedByDefault) until the person ticks it. */
  mergeSegments: boolean;
  /** Raw text per parameter; empty = pylance's default. */
  params: Record<string, string>;
  /** Empty = all fragments; else ids and ranges, e.g. "0-3, 7". */
  fragments: string;
  /** Only the fragments the existing index of this name doesn't cover (appended since its build). */
  onlyUnindexed: boolean;
  /** Where the build runs; kept across datasets for the session (the token in memory only). */
  engine: EngineForm;
}

const DEFAULT_TYPE: IndexType = 'BTREE';

export const DEFAULT_FORM: BuildForm = {
  indexType: DEFAULT_TYPE,
  column: '',
  workers: '2',
  name: '',
  nameAuto: false,
  replace: true,
  workflow: 'segments',
  mergeSegments: INDEX_TYPE_INFO[DEFAULT_TYPE].mergedByDefault,
  params: {},
  fragments: '',
  onlyUnindexed: false,
  engine: DEFAULT_ENGINE,
};

export function columnChoices(schema: SchemaField[], indexType: IndexType) {
  const suitable: SchemaField[] = [];
  const unsuitable: Array<{ path: string; arrow: string; reason: string }> = [];
  for (const f of flattenFields(schema)) {
    const why = columnUnsuitableReason(indexType, f.path, f.type);
    if (why) unsuitable.push({ path: f.path, arrow: f.type.arrow, reason: why });
    else suitable.push(f);
  }
  return { suitable, unsuitable };
}

const MAX_LISTED_IDS = 1_000_000;

/** "0-3, 7" -> [0,1,2,3,7]; empty -> undefined (all fragments). Existence is the core's check. */
export function parseFragmentList(text: string): { ids: number[] | undefined } | { error: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { ids: undefined };
  const ids: number[] = [];
  for (const p of parts) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(p);
    if (!m) return { error: `'${p}' is not a fragment id or range; write ids and ranges like 0-3, 7.` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return { error: `Range '${p}' runs backwards; write it as ${b}-${a}.` };
    if (ids.length + (b - a + 1) > MAX_LISTED_IDS) return { error: 'That is more than a million fragment ids; leave the field empty to index all.' };
    for (let i = a; i <= b; i++) ids.push(i);
  }
  return { ids };
}

/** [0,1,2,3,7] -> "0-3, 7": the compact form the field shows after a pick in the fragments table. */
export function formatFragmentList(ids: readonly number[]): string {
  const sorted = [...ids].sort((x, y) => x - y);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/** Whole numbers pass (the core judges their range, with its own words); other text doesn't. */
export function parseWorkers(text: string): number | { error: string } {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : { error: `Workers must be a whole number; got '${text}'.` };
}

export function parseParam(kind: ParamKind, raw: string): { value: string | number | boolean | string[] } | { error: string } {
  const t = raw.trim();
  switch (kind) {
    case 'bool':
      return t === 'true' || t === 'false' ? { value: t === 'true' } : { error: 'true or false' };
    case 'int':
      return /^-?\d+$/.test(t) ? { value: Number(t) } : { error: 'a whole number' };
    case 'number':
      return t !== '' && Number.isFinite(Number(t)) ? { value: Number(t) } : { error: 'a number' };
    case 'string[]':
      return {
        value: t
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    default:
      return { value: t };
  }
}

/** The request for the core, and the problems found before asking it. */
export function requestFromForm(form: BuildForm, target: DatasetTarget): { request: BuildRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const workers = parseWorkers(form.workers);
  if (typeof workers !== 'number') errors.push({ field: 'workers', message: workers.error });
  const frags = parseFragmentList(form.fragments);
  if ('error' in frags) errors.push({ field: 'fragmentIds', message: frags.error });
  const kinds = INDEX_TYPE_INFO[form.indexType].params;
  const indexParams: Record<string, string | number | boolean | string[]> = {};
  for (const [name, raw] of Object.entries(form.params)) {
    if (!raw.trim() || !kinds[name]) continue;
    const p = parseParam(kinds[name]!, raw);
    if ('error' in p) errors.push({ field: 'indexParams', message: `Parameter '${name}' must be ${p.error}; got '${raw}'.` });
    else indexParams[name] = p.value;
  }
  const request: BuildRequest = {
    target,
    column: form.column,
    indexType: form.indexType,
    workers: typeof workers === 'number' ? workers : Number.NaN,
    name: typedName(form),
    replace: form.replace,
    workflow: form.workflow,
    mergeSegments: form.workflow === 'segments' ? form.mergeSegments : undefined,
    fragmentIds: 'ids' in frags ? frags.ids : undefined,
    onlyUnindexed: form.onlyUnindexed && !form.fragments.trim(),
    indexParams,
    engine: engineChoice(form.engine),
  };
  return { request, errors };
}

/** The name typed in the form, if any (blank is none: the core then picks the default). */
const typedName = (form: BuildForm): string | undefined => form.name.trim() || undefined;

/**
 * The index the form will build or add to, by the core's own rule, known as soon as the form
 * changes: the name from the last validation would lag a column change by the debounce and the check.
 */
export function formIndexName(form: BuildForm): string | undefined {
  const typed = typedName(form);
  return typed || form.column ? indexNameFor(typed, form.column) : undefined;
}

/** Fragments the index named `name` doesn't cover, or undefined when no index has that name. */
export function unindexedFragments(d: DatasetDescription, name: string): number[] | undefined {
  const index = d.indices.find((i) => i.name === name);
  if (!index) return undefined;
  const covered = new Set(index.fragmentIds);
  return d.fragments.filter((f) => !covered.has(f.id)).map((f) => f.id);
}

/**
 * The CLI's automatic count for the form's type (shared/auto-workers.ts): as many workers as pay
 * for themselves, no more than the CPUs or the fragments. Weighed by rows: the column's bytes
 * are only read when the core plans.
 */
export function suggestWorkers(fragments: readonly FragmentInfo[], cpus: number, indexType: IndexType): AutoWorkers {
  return autoWorkers(
    indexType,
    fragments.map((f) => ({ id: f.id, rows: f.rows })),
    cpus,
  );
}

/** The form's fields as people read them, for the reason Build is off. */
const FIELD_LABELS: Record<string, string> = {
  indexType: 'Index type',
  column: 'Column',
  workers: 'Workers',
  name: 'Name',
  workflow: 'Workflow',
  mergeSegments: 'Merge segments',
  fragmentIds: 'Fragments',
  indexParams: 'Parameters',
  target: 'Dataset',
  engine: 'Engine',
};

/**
 * Why Build is off, beside it: which field to fix (its problem is said under that field), and the
 * problems in full for a hover. Undefined when nothing stops it.
 */
export function buildBlockedReason(errors: readonly FieldError[]): { text: string; detail: string } | undefined {
  const first = errors[0];
  if (!first) return undefined;
  const fields = [...new Set(errors.map((e) => FIELD_LABELS[e.field] ?? e.field))];
  const more = fields.length > 1 ? ` (and ${fields.slice(1).join(', ')})` : '';
  return { text: `Fix ${fields[0]} first${more}`, detail: errors.map((e) => e.message).join('\n') };
}

/** The "merge segments" checkbox's tooltip: what merging trades, and why this type's default is what it is. */
export function mergeSegmentsTitle(indexType: IndexType): string {
  const info = INDEX_TYPE_INFO[indexType];
  if (info.vector?.noMerge) return `${indexType} segments are committed unmerged: ${info.vector.noMerge}.`;
  const trade = 'Merge the per-batch segments into one before the commit: a slower build, for faster queries.';
  return info.mergedByDefault
    ? `${trade} On by default for ${indexType}.`
    : `${trade} Off by default for ${indexType}: its queries are as fast on one segment per batch.`;
}
