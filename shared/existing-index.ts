/**
 * What an index that already has the build's name allows: the core's validation refuses a
 * build by these rules, and the window uses the same ones to pick a name that passes them when
 * it fills the form for you ("Build on these", "Index the N missing").
 */
import type { FieldError } from './contract/api.js';
import type { IndexInfo } from './contract/dataset.js';
import { summarizeIds, withArticle } from './format.js';
import { defaultIndexName, lanceTypeName, type IndexType } from './index-types.js';

export interface NameUse {
  name: string;
  column: string;
  /** The column's own field name (the last part of a nested path), when the column exists. */
  fieldName: string | undefined;
  indexType: IndexType;
  replace: boolean;
}

/** Problems with building `use.name` when `existing` already has that name. */
export function nameProblems(existing: IndexInfo | undefined, use: NameUse): FieldError[] {
  if (!existing) return [];
  const { name, column, indexType } = use;
  const on = existing.fields.join(', ');
  const errors: FieldError[] = [];
  if (!use.replace) {
    errors.push({ field: 'name', message: `An index named '${name}' already exists (${existing.type} on ${on}); choose another name or allow replace.` });
  }
  if (use.fieldName !== undefined && !existing.fields.includes(column) && !existing.fields.includes(use.fieldName)) {
    errors.push({ field: 'name', message: `Index '${name}' exists on column ${on}, not '${column}'; choose another name.` });
  } else if (use.replace && existing.type.toLowerCase() !== lanceTypeName(indexType).toLowerCase()) {
    // pylance 10 can't commit segments of one type over an index of another ("Index with id ...
    // does not exist"), and only after every batch has been built; refuse it up front.
    errors.push({
      field: 'name',
      message: `An index named '${name}' already exists as ${withArticle(existing.type)} index on ${on}; ${withArticle(indexType)} build can't replace it (Lance replaces an index only with one of the same type). Choose another name, e.g. '${defaultIndexName(column).replace(/_idx$/, '')}_${indexType.toLowerCase()}_idx'.`,
    });
  }
  return errors;
}

/**
 * Lance replaces an existing segment only when the new ones cover all of its fragments; a
 * partial overlap would orphan the rest, and the commit would be refused after the build.
 * (The merge workflow's commit removes the old index whole, so it has no such limit.)
 */
export function partialSegmentProblem(
  existing: IndexInfo | undefined,
  fragmentIds: readonly number[],
  replace: boolean,
  workflow: string,
): FieldError | undefined {
  if (!existing || !replace || workflow !== 'segments') return undefined;
  const chosen = new Set(fragmentIds);
  for (const seg of existing.segments) {
    const left = seg.fragmentIds.filter((id) => !chosen.has(id));
    if (left.length && seg.fragmentIds.some((id) => chosen.has(id))) {
      return {
        field: 'fragmentIds',
        message: `Index '${existing.name}' has a segment over fragments ${summarizeIds([...seg.fragmentIds])}; rebuilding only some of them would leave ${summarizeIds(left)} unindexed. Include all of that segment's fragments, omit the fragment list, choose another name, or use only-unindexed.`,
      };
    }
  }
  return undefined;
}
