/**
 * The index types this app builds and which column types each accepts. One table, read by the
 * core's validation, the CLI's help and the window's column picker, so they can't disagree.
 * The matrix was measured against pylance 10.0.0 and holds for 14.0.2 and 14.0.3, the engine's pin
 * (test/integration/column-rules.test.ts keeps it honest against the engine's own pylance).
 */
import type { ColumnType } from './contract/dataset.js';
import { LANCE_TYPE_NAMES } from './engine-facts.js';

export const SCALAR_INDEX_TYPES = ['BTREE', 'BITMAP', 'LABEL_LIST', 'INVERTED', 'FTS', 'NGRAM', 'ZONEMAP', 'BLOOMFILTER'] as const;
/** IVF vector indices built distributed with one shared model (measured with pylance 14.0.2:
 *  each of these builds per-fragment segments from given IVF centroids / PQ codebook). IVF_RQ
 *  (a shared RaBitQ rotation) and IVF_HNSW_PQ-style variants beyond these are not offered yet. */
export const VECTOR_INDEX_TYPES = ['IVF_FLAT', 'IVF_PQ', 'IVF_SQ', 'IVF_HNSW_FLAT', 'IVF_HNSW_PQ', 'IVF_HNSW_SQ'] as const;
export const INDEX_TYPES = [...SCALAR_INDEX_TYPES, ...VECTOR_INDEX_TYPES] as const;
export type IndexType = (typeof INDEX_TYPES)[number];
export type VectorIndexType = (typeof VECTOR_INDEX_TYPES)[number];
export type ScalarIndexType = (typeof SCALAR_INDEX_TYPES)[number];

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
  /**
   * Whether the segments workflow merges the batches' segments into one before the commit when
   * neither --merge-segments nor --no-merge-segments is given. Merged where queries on one segment
   * are faster. BTREE queries are as fast on one segment per batch (bench/results/full.md,
   * pylance 14.0.3, 1M rows: 0.65 ms per batch vs 0.68 ms merged; 1, 2 and 8 segments within
   * 0.1 ms), so its merge (1.45 s of a 5.0 s build on 20M ints, on one core) is skipped. BITMAP's
   * merge costs ~0.06 s on 5M rows: not worth a query risk, so it stays merged.
   */
  mergedByDefault: boolean;
  /** Parameters passed through to pylance, with their value types. pylance silently ignores
   *  unknown ones for most types, so unknown names are refused here instead. */
  params: Record<string, ParamKind>;
  /**
   * One worker's build speed: a batch costs rows / rowsPerS, plus for text bytes / bytesPerS (a
   * cost per document and one per byte: short reviews and long articles differ 4x in bytes a
   * second). `mergeShare`: merging the segments of 2+ batches costs this share of the build.
   * Fitted to pylance 14.0.2 on the benchmark's 2-core machine (bench/results); the automatic
   * worker count weighs work by it. `maxBatchRows`: a batch larger than this builds slower per
   * row and holds its whole working set at once, so the automatic count splits each worker's
   * share into rounds of smaller batches (shared/auto-workers.ts).
   */
  speed: { rowsPerS: number; bytesPerS?: number; mergeShare?: number; maxBatchRows?: number };
  /** Vector types only: what the shared model holds and how the segments are committed. */
  vector?: VectorTypeInfo;
}

export interface VectorTypeInfo {
  /** How vectors are stored in a partition; 'pq' needs a codebook trained once with the centroids. */
  quantizer: 'flat' | 'pq' | 'sq';
  hnsw: boolean;
  /** pylance 14's default partition size for the type: num_partitions defaults to rows / this
   *  (measured: 20,000 rows gave 4 partitions for IVF_FLAT, 2 for IVF_PQ/IVF_SQ, 1 for HNSW). */
  targetPartitionSize: number;
  /**
   * Why the segments can't be merged into one before the commit, when they can't. SQ bounds have
   * no training entry point in pylance 14, so each segment computes its own; a merged segment keeps
   * one segment's bounds for all codes (measured: recall@10 0.86 merged vs 0.94 unmerged).
   */
  noMerge?: string;
}

export type ParamKind = 'bool' | 'int' | 'number' | 'string' | 'string[]';
const FTS_PARAMS: Record<string, ParamKind> = {
  base_tokenizer: 'string',
  language: 'string',
  with_position: 'bool',
  max_token_length: 'int',
  lower_case: 'bool',
  stem: 'bool',
  remove_stop_words: 'bool',
  custom_stop_words: 'string[]',
  ascii_folding: 'bool',
  block_size: 'int',
  memory_limit: 'int',
  num_workers: 'int',
};

const IVF_PARAMS: Record<string, ParamKind> = { num_partitions: 'int', metric: 'string', sample_rate: 'int', max_iters: 'int' };
const PQ_PARAMS: Record<string, ParamKind> = { num_sub_vectors: 'int', num_bits: 'int' };
const HNSW_PARAMS: Record<string, ParamKind> = { m: 'int', ef_construction: 'int' };
/** The distance metrics a vector index can be trained for (pylance also knows hamming, for uint8 bits). */
export const VECTOR_METRICS = ['l2', 'cosine', 'dot'] as const;

/**
 * Values of the FTS parameters that name a resource, as pylance 10.0.0 accepts them (measured:
 * other names are refused by Lance). jieba/<model> and lindera/<model> load a model folder from
 * $LANCE_LANGUAGE_MODEL_HOME, and Lance joins whatever follows the slash, '..' included, so a
 * model is a plain folder name here: no other folder on the machine can be loaded as a model.
 */
const BASE_TOKENIZERS = ['simple', 'whitespace', 'raw', 'ngram', 'icu', 'icu/split', 'code'];
const MODEL_TOKENIZER = /^(jieba|lindera)\/[A-Za-z0-9][A-Za-z0-9_-]*$/;
const STEMMER_LANGUAGES = [
  'Arabic',
  'Danish',
  'Dutch',
  'English',
  'Finnish',
  'French',
  'German',
  'Greek',
  'Hungarian',
  'Italian',
  'Norwegian',
  'Portuguese',
  'Romanian',
  'Russian',
  'Spanish',
  'Swedish',
  'Tamil',
  'Turkish',
];
const atLeast = (min: number) => (v: number) => v >= min;
/**
 * The values pylance accepts (10.0.0 and 14.0.2 alike), where not every value of the parameter's kind is one; checked
 * before anything runs, because pylance only refuses them in every batch, after the work.
 * Measured against pylance 10.0.0: block_size ("FTS inverted index block_size must be one of 128
 * or 256"), max_token_length/num_workers/memory_limit/zone_size (unsigned; memory_limit 0 MiB
 * fails on the first document), rows_per_zone and number_of_items ("zone capacity must be
 * greater than zero"), probability (a false-positive rate, "between 0 and 1 exclusive").
 */
const PARAM_VALUES: Record<string, { ok: (value: never) => boolean; accepts: string }> = {
  base_tokenizer: {
    ok: (v: string) => BASE_TOKENIZERS.includes(v) || MODEL_TOKENIZER.test(v),
    accepts: `${BASE_TOKENIZERS.join(', ')}, jieba/<model> or lindera/<model> (<model>: the plain name of a folder in LANCE_LANGUAGE_MODEL_HOME)`,
  },
  language: { ok: (v: string) => STEMMER_LANGUAGES.includes(v), accepts: STEMMER_LANGUAGES.join(', ') },
  block_size: { ok: (v: number) => v === 128 || v === 256, accepts: '128 or 256 (documents per posting block)' },
  max_token_length: { ok: atLeast(0), accepts: '0 or more (longer tokens are dropped)' },
  num_workers: { ok: atLeast(0), accepts: '0 or more (0 and 1 both mean one thread)' },
  memory_limit: { ok: atLeast(1), accepts: '1 or more (MiB for the whole build)' },
  zone_size: { ok: atLeast(0), accepts: '0 or more (rows per zone of the page lookup)' },
  rows_per_zone: { ok: atLeast(1), accepts: '1 or more' },
  number_of_items: { ok: atLeast(1), accepts: '1 or more (items expected per zone)' },
  probability: { ok: (v: number) => v > 0 && v < 1, accepts: 'a false-positive rate greater than 0 and less than 1, e.g. 0.01' },
  num_partitions: { ok: atLeast(1), accepts: '1 or more (IVF partitions; no more than the rows trained on)' },
  metric: { ok: (v: string) => (VECTOR_METRICS as readonly string[]).includes(v.toLowerCase()), accepts: VECTOR_METRICS.join(', ') },
  // pylance's IVF/PQ training samples sample_rate rows per centroid ("an int greater than 1").
  sample_rate: { ok: atLeast(2), accepts: '2 or more (rows sampled per centroid)' },
  max_iters: { ok: atLeast(1), accepts: '1 or more (k-means rounds)' },
  num_sub_vectors: { ok: atLeast(1), accepts: '1 or more, a divisor of the vector dimension' },
  num_bits: { ok: (v: number) => v === 4 || v === 8, accepts: '4 or 8 (bits per PQ code)' },
  m: { ok: atLeast(1), accepts: '1 or more (HNSW edges per node)' },
  ef_construction: { ok: atLeast(1), accepts: '1 or more (HNSW candidates per insert)' },
};

/** How each kind of value is named in messages. */
const KIND_WORDS: Record<ParamKind, string> = {
  bool: 'true or false',
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  'string[]': 'a list of strings',
};
const shown = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

const isStringList = (t: ColumnType) => t.kind === 'list' && t.item?.kind === 'string';
/** A fixed-size list of float16/32/64: what pylance trains IVF on (uint8 only for hamming, not offered). */
export const isFloatVector = (t: ColumnType) => t.kind === 'fixed_size_list' && t.item?.kind === 'float';
const VECTOR_ACCEPTS = 'fixed-size lists of floats (float16, float32 or float64 vectors)';
/**
 * One batch's rows a second with the shared model (train not included): 100,000 × 128-d float32,
 * pylance's default partitions for the type, one process on the benchmark's 2-core machine,
 * pylance 14.0.2. HNSW types build one graph per partition, so their pace falls as partitions grow;
 * IVF_HNSW_PQ and IVF_HNSW_SQ were measured on 40,000 × 128-d (one partition, the default there).
 */
const VECTOR_SPEED: Record<VectorIndexType, number> = {
  IVF_FLAT: 168_000,
  IVF_PQ: 85_000,
  IVF_SQ: 217_000,
  IVF_HNSW_FLAT: 2_500,
  IVF_HNSW_PQ: 2_000,
  IVF_HNSW_SQ: 1_700,
};
function vectorType(summary: string, params: Record<string, ParamKind>, vector: VectorTypeInfo, rowsPerS: number): IndexTypeInfo {
  return {
    summary,
    accepts: VECTOR_ACCEPTS,
    suits: isFloatVector,
    mergeWorkflow: false,
    mergedByDefault: !vector.noMerge,
    params: { ...IVF_PARAMS, ...params },
    speed: { rowsPerS },
    vector,
  };
}
const SQ_NO_MERGE =
  "SQ bounds are computed per segment (pylance 14 has no way to share them), and a merged segment would keep one segment's bounds for all codes";

export const INDEX_TYPE_INFO: Record<IndexType, IndexTypeInfo> = {
  BTREE: {
    summary: 'sorted pages; equality, range and IN filters on high-cardinality columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    mergedByDefault: false,
    params: { zone_size: 'int' },
    // 20M int64 rows, 2 CPUs: 2 batches of 10M take 3.3-4.0 s and peak at 640 MiB, 4 of 5M
    // 2.7-3.1 s and 460-500 MiB, 8 of 2.5M 2.4-2.5 s and 380-390 MiB (pylance's sort of a large
    // batch is ~20% slower per row even alone on a core). An equality lookup pays ~0.02 ms per
    // segment (0.64 ms on 2, 0.68 on 4, 0.74 on 8), so 5M keeps that cost small.
    speed: { rowsPerS: 6_000_000, maxBatchRows: 5_000_000 },
  },
  BITMAP: {
    summary: 'a bitmap per value; filters on low-cardinality columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    mergedByDefault: true,
    params: {},
    speed: { rowsPerS: 6_000_000 },
  },
  LABEL_LIST: {
    summary: 'list membership: array_has_any / array_has_all',
    accepts: 'lists of plain values (integers, floats, strings, booleans, dates, times, binary, ...; not lists of lists or structs)',
    suits: (t) => t.kind === 'list' && t.item !== undefined && LIST_ITEM_KINDS.includes(t.item.kind),
    mergeWorkflow: false,
    mergedByDefault: true,
    params: {},
    speed: { rowsPerS: 2_000_000 },
  },
  INVERTED: {
    summary: 'full-text search (BM25)',
    accepts: 'strings or lists of strings (not dictionary-encoded)',
    suits: (t) => t.kind === 'string' || isStringList(t),
    mergeWorkflow: true,
    mergedByDefault: true,
    params: FTS_PARAMS,
    speed: { rowsPerS: 227_000, bytesPerS: 32_000_000, mergeShare: 0.2 },
  },
  FTS: {
    summary: 'alias of INVERTED: full-text search (BM25)',
    accepts: 'strings or lists of strings (not dictionary-encoded)',
    suits: (t) => t.kind === 'string' || isStringList(t),
    mergeWorkflow: true,
    mergedByDefault: true,
    params: FTS_PARAMS,
    speed: { rowsPerS: 227_000, bytesPerS: 32_000_000, mergeShare: 0.2 },
  },
  NGRAM: {
    summary: 'substring filters: contains(col, "abc")',
    accepts: 'strings',
    suits: (t) => t.kind === 'string',
    mergeWorkflow: false,
    mergedByDefault: true,
    params: {},
    speed: { rowsPerS: 10_000_000, bytesPerS: 4_900_000 },
  },
  ZONEMAP: {
    summary: 'min/max per zone; tiny, best on roughly sorted columns',
    accepts: 'integers, floats, strings, booleans, dates, times, timestamps or fixed-size binary',
    suits: isOrderedScalar,
    mergeWorkflow: false,
    mergedByDefault: true,
    params: { rows_per_zone: 'int' },
    speed: { rowsPerS: 35_000_000 },
  },
  BLOOMFILTER: {
    summary: 'a bloom filter per zone; tiny, equality filters only',
    accepts: 'integers, floats (not float16), strings, variable-size binary, dates, times or timestamps',
    suits: (t) => (['int', 'float', 'string', 'binary', 'date', 'timestamp'].includes(t.kind) && !isHalfFloat(t) && !isFixedSizeBinary(t)) || isTimeOfDay(t),
    mergeWorkflow: false,
    mergedByDefault: true,
    params: { number_of_items: 'int', probability: 'number' },
    speed: { rowsPerS: 17_000_000 },
  },
  IVF_FLAT: vectorType(
    'nearest neighbours, exact distances within the probed partitions',
    {},
    { quantizer: 'flat', hnsw: false, targetPartitionSize: 4096 },
    VECTOR_SPEED.IVF_FLAT,
  ),
  IVF_PQ: vectorType(
    'nearest neighbours on product-quantized codes; small, approximate',
    PQ_PARAMS,
    { quantizer: 'pq', hnsw: false, targetPartitionSize: 8192 },
    VECTOR_SPEED.IVF_PQ,
  ),
  IVF_SQ: vectorType(
    'nearest neighbours on 8-bit scalar-quantized vectors',
    {},
    { quantizer: 'sq', hnsw: false, targetPartitionSize: 8192, noMerge: SQ_NO_MERGE },
    VECTOR_SPEED.IVF_SQ,
  ),
  IVF_HNSW_FLAT: vectorType(
    'nearest neighbours through an HNSW graph per partition',
    HNSW_PARAMS,
    { quantizer: 'flat', hnsw: true, targetPartitionSize: 1_048_576 },
    VECTOR_SPEED.IVF_HNSW_FLAT,
  ),
  IVF_HNSW_PQ: vectorType(
    'HNSW graph per partition over PQ codes',
    { ...PQ_PARAMS, ...HNSW_PARAMS },
    { quantizer: 'pq', hnsw: true, targetPartitionSize: 1_048_576 },
    VECTOR_SPEED.IVF_HNSW_PQ,
  ),
  IVF_HNSW_SQ: vectorType(
    'HNSW graph per partition over 8-bit scalar-quantized vectors',
    HNSW_PARAMS,
    { quantizer: 'sq', hnsw: true, targetPartitionSize: 1_048_576, noMerge: SQ_NO_MERGE },
    VECTOR_SPEED.IVF_HNSW_SQ,
  ),
};

/** Types whose segments stay one per batch unless --merge-segments asks (the SQ types, which can't
 *  be merged at all, aside): the CLI's help names them, the benchmark times them merged too. */
export const MERGED_ONLY_WHEN_ASKED: readonly IndexType[] = INDEX_TYPES.filter(
  (t) => !INDEX_TYPE_INFO[t].mergedByDefault && !INDEX_TYPE_INFO[t].vector?.noMerge,
);

/** Lance's own name for each type, as describe reports an existing index (engine facts). */
export function lanceTypeName(t: IndexType): string {
  return LANCE_TYPE_NAMES[t] ?? t;
}

/** The type to build for an existing index of Lance's type `lance` ('Inverted' → INVERTED, 'LabelList' → LABEL_LIST). */
export function indexTypeOfLance(lance: string): IndexType | undefined {
  return INDEX_TYPES.find((t) => lanceTypeName(t).toLowerCase() === lance.toLowerCase());
}

/** Accepts any case and surrounding spaces; returns undefined for an unknown type. */
export function parseIndexType(value: string): IndexType | undefined {
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  return (INDEX_TYPES as readonly string[]).includes(upper) ? (upper as IndexType) : undefined;
}

/** Why a column can't take an index type, or undefined when it can. */
export function columnUnsuitableReason(indexType: IndexType, column: string, type: ColumnType): string | undefined {
  const info = INDEX_TYPE_INFO[indexType];
  if (info.suits(type)) return undefined;
  const hint = type.kind === 'dictionary' ? ' Dictionary-encoded columns are refused by Lance; rewrite the column as plain strings.' : '';
  return `Column '${column}' has type ${type.arrow}; ${indexType} needs ${info.accepts}.${hint}`;
}

export function defaultIndexName(column: string): string {
  return `${column.replace(/\./g, '_')}_idx`;
}

/** The name a build gives its index: the one asked for, else `{column}_idx`. */
export function indexNameFor(name: string | undefined, column: string): string {
  return name ?? defaultIndexName(column);
}

/** Why a parameter value is wrong for the type, or undefined when it is fine. */
export function indexParamProblem(indexType: IndexType, name: string, value: unknown): string | undefined {
  const kinds = INDEX_TYPE_INFO[indexType].params;
  const kind = kinds[name];
  const known = Object.keys(kinds);
  if (!kind) {
    return known.length ? `${indexType} has no parameter '${name}'; it accepts ${known.join(', ')}.` : `${indexType} takes no parameters (got '${name}').`;
  }
  const ok =
    kind === 'bool'
      ? typeof value === 'boolean'
      : kind === 'int'
        ? Number.isInteger(value)
        : kind === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : kind === 'string'
            ? typeof value === 'string'
            : Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (!ok) return `Parameter '${name}' of ${indexType} must be ${KIND_WORDS[kind]}; got ${JSON.stringify(value)}.`;
  const rule = PARAM_VALUES[name];
  return rule && !rule.ok(value as never) ? `Parameter '${name}' of ${indexType} can't be ${shown(value)}; pylance accepts ${rule.accepts}.` : undefined;
}

/** Types whose build time follows the size of the values more than their count (text, lists):
 *  with `balanceBy: auto` their batches are balanced by the column's bytes, not its rows. */
export const BALANCE_BY_BYTES_TYPES: ReadonlySet<IndexType> = new Set(['FTS', 'INVERTED', 'NGRAM', 'LABEL_LIST']);

export function isVectorIndexType(t: string): t is VectorIndexType {
  return (VECTOR_INDEX_TYPES as readonly string[]).includes(t);
}

/** Distinct values at most this many (or this share of the rows): a bitmap per value stays small. */
const FEW_DISTINCT = 1000;
const FEW_DISTINCT_SHARE = 0.01;
/** Text with this many words on average is searched for words, not compared whole. */
const TEXT_WORDS = 3;

export interface ColumnFacts {
  rowsRead: number;
  distinct: number | null;
  avgWords: number | null;
  listItemsDistinct: number | null;
}

/** The index type a column's statistics suggest, and why in a few words; undefined when none fits. */
export function suggestIndexType(type: ColumnType, s: ColumnFacts): { type: IndexType; why: string } | undefined {
  if (type.kind === 'list') {
    return INDEX_TYPE_INFO.LABEL_LIST.suits(type)
      ? { type: 'LABEL_LIST', why: `lists (${s.listItemsDistinct ?? '?'} distinct items): array_has_any / array_has_all` }
      : undefined;
  }
  const few = s.distinct !== null && (s.distinct <= FEW_DISTINCT || s.distinct <= s.rowsRead * FEW_DISTINCT_SHARE);
  if (type.kind === 'string' && (s.avgWords ?? 0) >= TEXT_WORDS) {
    return { type: 'FTS', why: `free text (${s.avgWords} words on average): full-text search` };
  }
  if (few && INDEX_TYPE_INFO.BITMAP.suits(type)) return { type: 'BITMAP', why: `few distinct values (${s.distinct}): equality and IN filters` };
  if (INDEX_TYPE_INFO.BTREE.suits(type)) return { type: 'BTREE', why: `many distinct values (${s.distinct ?? '?'}): equality and range filters` };
  return undefined;
}
