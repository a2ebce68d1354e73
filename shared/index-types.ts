/**
 * The index types this app builds and which column types each accepts. One table, read by the
 * core's validation, the CLI's help and the window's column picker, so they can't disagree.
 * The matrix was measured against pylance 10.0.0 (test/integration/column-rules.test.ts keeps it honest).
 */
import type { ColumnType } from './contract/dataset.js';

export const INDEX_TYPES = ['BTREE', 'BITMAP', 'LABEL_LIST', 'INVERTED', 'FTS', 'NGRAM', 'ZONEMAP', 'BLOOMFILTER'] as const;
export type IndexType = (typeof INDEX_TYPES)[number];

type Kind = ColumnType['kind'];
const ORDERED_SCALARS: Kind[] = ['int', 'float', 'string', 'bool', 'date', 'timestamp'];
// describe reports fixed-size binary as 'binary', durations as 'time' and float16 as 'float';
// pylance treats each differently from its kind's other members, so the Arrow name decides.
const isFixedSizeBinary = (t: ColumnType) => t.kind === 'binary' && t.arrow.startsWith('fixed_size_binary');
const isTimeOfDay = (t: ColumnType) => t.kind === 'time' && /^time(32|64)/.test(t.arrow);
const isHalfFloat = (t: ColumnType) => t.kind === 'float' && (t.arrow === 'halffloat' || t.arrow === 'float16');
/** pylance 10's BTREE/BITMAP/ZONEMAP rule: "int, float, bool, str, large_str, fixed-size-binary, or temporal" (not duration). */
const isOrderedScalar = (t: ColumnType) => ORDERED_SCALARS.includes(t.kind) || isFixedSizeBinary(t) || isTimeOfDay(t);
/** LABEL_LIST takes a list of any non-nested item (pylance: "item type must be non-nested"). */
const LIST_ITEM_KINDS: Kind[] = ['bool', 'int', 'float', 'decimal', 'string', 'binary', 'date', 'timestamp', 'time', 'dictionary'];

interface IndexTypeInfo {
  summary: string;
  accepts: string;
  suits: (t: ColumnType) => boolean;
  /** Whether the original shared-uuid + merge_index_metadata workflow exists for this type. */
  mergeWorkflow: boolean;
  /** Parameters passed through to pylance, with their value types. pylance silently ignores
   *  unknown ones for most types, so unknown names are refused here instead. */
  params: Record<string, ParamKind>;
}

export type ParamKind = 'bool' | 'int' | 'number' | 'string' | 'string[]';
const FTS_PARAMS: Record<string, ParamKind> = {
  base_tokenizer: 'string', language: 'string', with_position: 'bool', max_token_length: 'int',
  lower_case: 'bool', stem: 'bool', remove_stop_words: 'bool', custom_stop_words: 'string[]',
  ascii_folding: 'bool', block_size: 'int', memory_limit: 'int', num_workers: 'int',
};

const isStringList = (t: ColumnType) => t.kind === 'list' && t.item?.kind === 'string';

export const INDEX_TYPE_INFO: Record<IndexType, IndexTypeInfo> = {
  BTREE: {
    summary: 'sorted pages; equality, range and IN filters on high-cardinality columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    params: { zone_size: 'int' },
  },
  BITMAP: {
    summary: 'a bitmap per value; filters on low-cardinality columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    params: {},
  },
  LABEL_LIST: {
    summary: 'list membership: array_has_any / array_has_all',
    accepts: 'lists of plain values (integers, floats, strings, booleans, dates, times, binary, ...; not lists of lists or structs)',
    suits: (t) => t.kind === 'list' && t.item !== undefined && LIST_ITEM_KINDS.includes(t.item.kind),
    mergeWorkflow: false,
    params: {},
  },
  INVERTED: {
    summary: 'full-text search (BM25)',
    accepts: 'strings or lists of strings (not dictionary-encoded)',
    suits: (t) => t.kind === 'string' || isStringList(t),
    mergeWorkflow: true,
    params: FTS_PARAMS,
  },
  FTS: {
    summary: 'alias of INVERTED: full-text search (BM25)',
    accepts: 'strings or lists of strings (not dictionary-encoded)',
    suits: (t) => t.kind === 'string' || isStringList(t),
    mergeWorkflow: true,
    params: FTS_PARAMS,
  },
  NGRAM: {
    summary: 'substring filters: contains(col, "abc")',
    accepts: 'strings',
    suits: (t) => t.kind === 'string',
    mergeWorkflow: false,
    params: {},
  },
  ZONEMAP: {
    summary: 'min/max per zone; tiny, best on roughly sorted columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    params: { rows_per_zone: 'int' },
  },
  BLOOMFILTER: {
    summary: 'a bloom filter per zone; tiny, equality filters only',
    accepts: 'integers, floats (not float16), strings, variable-size binary, dates, times or timestamps',
    suits: (t) =>
      (['int', 'float', 'string', 'binary', 'date', 'timestamp'].includes(t.kind) && !isHalfFloat(t) && !isFixedSizeBinary(t)) || isTimeOfDay(t),
    mergeWorkflow: false,
    params: { number_of_items: 'int', probability: 'number' },
  },
};

/** Accepts any case and surrounding spaces; returns undefined for an unknown type. */
export function parseIndexType(value: string): IndexType | undefined {
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  return (INDEX_TYPES as readonly string[]).includes(upper) ? (upper as IndexType) : undefined;
}

/** Why a column can't take an index type, or undefined when it can. */
export function columnUnsuitableReason(indexType: IndexType, column: string, type: ColumnType): string | undefined {
  const info = INDEX_TYPE_INFO[indexType];
  if (info.suits(type)) return undefined;
  const hint =
    type.kind === 'dictionary'
      ? ' Dictionary-encoded columns are refused by Lance; rewrite the column as plain strings.'
      : '';
  return `Column '${column}' has type ${type.arrow}; ${indexType} needs ${info.accepts}.${hint}`;
}

export function defaultIndexName(column: string): string {
  return `${column.replace(/\./g, '_')}_idx`;
}

/** Why a parameter value is wrong for the type, or undefined when it is fine. */
export function indexParamProblem(indexType: IndexType, name: string, value: unknown): string | undefined {
  const kinds = INDEX_TYPE_INFO[indexType].params;
  const kind = kinds[name];
  const known = Object.keys(kinds);
  if (!kind) {
    return known.length
      ? `${indexType} has no parameter '${name}'; it accepts ${known.join(', ')}.`
      : `${indexType} takes no parameters (got '${name}').`;
  }
  const ok =
    kind === 'bool' ? typeof value === 'boolean'
    : kind === 'int' ? Number.isInteger(value)
    : kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : kind === 'string' ? typeof value === 'string'
    : Array.isArray(value) && value.every((v) => typeof v === 'string');
  return ok ? undefined : `Parameter '${name}' of ${indexType} must be ${kind === 'string[]' ? 'a list of strings' : `a ${kind}`}; got ${JSON.stringify(value)}.`;
}

/** Types whose segment folder name the caller may choose (pylance 10 names BTREE, NGRAM and
 *  LABEL_LIST segments itself). A known name lets a stopped batch's leftovers be removed exactly. */
export const CALLER_CHOSEN_UUID_TYPES: ReadonlySet<string> = new Set(['INVERTED', 'FTS', 'BITMAP', 'ZONEMAP', 'BLOOMFILTER']);
