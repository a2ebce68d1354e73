/**
 * The form as the window's shortcuts fill it ("Build on these", "Index the N missing", "Index
 * only those"): a type, column and name that pass the core's own rules for the fragments chosen,
 * instead of whatever an earlier build left in the form. Pure, for tests.
 */
import { flattenFields, type DatasetDescription, type IndexInfo } from '@shared/contract/dataset';
import { nameProblems, partialSegmentProblem } from '@shared/existing-index';
import { INDEX_TYPES, defaultIndexName, indexTypeOfLance, type IndexType } from '@shared/index-types';
import { columnChoices, formatFragmentList, type BuildForm } from './form-logic';

/** Names tried after the default for a subset whose default name is taken ("review_fts_idx", then numbered). */
const NAME_TRIES = 20;

/** The form's type if some column suits it, else the first type that suits a column. */
function typeFor(d: DatasetDescription, current: IndexType): IndexType | undefined {
  const suits = (t: IndexType) => columnChoices(d.schema, t).suitable.length > 0;
  return suits(current) ? current : INDEX_TYPES.find(suits);
}

function nameOk(d: DatasetDescription, name: string, column: string, indexType: IndexType, fragmentIds: readonly number[]): boolean {
  const existing = d.indices.find((i) => i.name === name);
  const fieldName = flattenFields(d.schema).find((f) => f.path === column)?.name;
  return (
    nameProblems(existing, { name, column, fieldName, indexType, replace: true }).length === 0 &&
    !partialSegmentProblem(existing, fragmentIds, true, 'segments')
  );
}

/** "Build on these": the selected fragments, with a type, column and name a build of just them accepts. */
export function subsetForm(form: BuildForm, d: DatasetDescription, ids: readonly number[]): Partial<BuildForm> {
  const indexType = typeFor(d, form.indexType) ?? form.indexType;
  const { suitable } = columnChoices(d.schema, indexType);
  const column = suitable.some((f) => f.path === form.column) ? form.column : (suitable[0]?.path ?? '');
  const typed = form.name.trim() && !form.nameAuto ? form.name.trim() : undefined;
  const base = defaultIndexName(column).replace(/_idx$/, '');
  const candidates = [
    ...(typed ? [typed] : []),
    defaultIndexName(column),
    ...Array.from({ length: NAME_TRIES }, (_, i) => `${base}_${indexType.toLowerCase()}_idx${i ? `_${i + 1}` : ''}`),
  ];
  const chosen = candidates.find((n) => nameOk(d, n, column, indexType, ids)) ?? defaultIndexName(column);
  const naming =
    chosen === typed
      ? { name: typed, nameAuto: false }
      : chosen === defaultIndexName(column)
        ? { name: '', nameAuto: false }
        : { name: chosen, nameAuto: true };
  return { indexType, column, ...naming, fragments: formatFragmentList(ids), onlyUnindexed: false, workflow: 'segments', replace: true };
}

/** The schema path of an index's field (describe names nested fields by their own name). */
function columnOf(d: DatasetDescription, index: IndexInfo): string {
  const field = index.fields[0] ?? '';
  const all = flattenFields(d.schema);
  return (all.find((f) => f.path === field) ?? all.find((f) => f.name === field))?.path ?? field;
}

/**
 * "Index the N missing" / "Index only those": the fragments the index lacks, added to it as new
 * segments under its own name, type and column (the merge workflow would replace it whole).
 */
export function missingFragmentsForm(d: DatasetDescription, index: IndexInfo): Partial<BuildForm> | undefined {
  const indexType = indexTypeOfLance(index.type);
  if (!indexType) return undefined;
  return {
    indexType,
    column: columnOf(d, index),
    name: index.name,
    nameAuto: true,
    fragments: '',
    onlyUnindexed: true,
    workflow: 'segments',
    replace: true,
    params: {},
  };
}
