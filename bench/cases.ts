/**
 * The benchmark's cases (issues 11 and 14), each at two sizes: `full` as the issue states it,
 * `smoke` at 1/20 of the rows with the same fragment count, so a smoke run of every case takes
 * minutes and still exercises the same plans (40 uneven fragments stay 40).
 */
export type Size = 'smoke' | 'full';
export type DataKind = 'text' | 'int64' | 'short_string' | 'category' | 'vector';

/**
 * A vector case's shape and index parameters: the one place every contender's parameters come
 * from (the app's `--param`s, pylance's `create_index` keywords, lancedb's options), so no tool
 * builds with other settings than the rest. Keys are pylance's names.
 */
export interface VectorSpec {
  dimension: number;
  params: { num_partitions: number; num_sub_vectors?: number; metric: 'l2' | 'cosine' | 'dot' };
  /** Partitions searched per query when recall is measured (bench/vector-recall.py), every tool alike. */
  nprobes: number;
}

export interface BenchCase {
  id: string;
  title: string;
  indexType: 'FTS' | 'BTREE' | 'BITMAP' | 'IVF_PQ' | 'IVF_FLAT';
  column: string;
  kind: DataKind;
  /** Rows at full size. */
  fullRows: number;
  fragments: number;
  /** Mean words per document, per fragment (text), cycled over the fragments. */
  words?: number[];
  cardinality?: number;
  vector?: VectorSpec;
  seed: number;
}

export const SMOKE_DIVISOR = 20;

export const CASES: readonly BenchCase[] = [
  {
    id: 'fts-1m',
    title: 'FTS on 1,000,000 documents',
    indexType: 'FTS',
    column: 'text',
    kind: 'text',
    fullRows: 1_000_000,
    fragments: 16,
    words: [30],
    seed: 1,
  },
  {
    id: 'fts-5m',
    title: 'FTS on 5,000,000 documents',
    indexType: 'FTS',
    column: 'text',
    kind: 'text',
    fullRows: 5_000_000,
    fragments: 40,
    words: [30],
    seed: 2,
  },
  {
    id: 'btree-int',
    title: 'BTREE on 20,000,000 int64 rows in 40 uneven fragments',
    indexType: 'BTREE',
    column: 'key',
    kind: 'int64',
    fullRows: 20_000_000,
    fragments: 40,
    seed: 3,
  },
  {
    id: 'btree-str',
    title: 'BTREE on 5,000,000 short strings',
    indexType: 'BTREE',
    column: 'code',
    kind: 'short_string',
    fullRows: 5_000_000,
    fragments: 20,
    seed: 4,
  },
  {
    id: 'bitmap',
    title: 'BITMAP on a 20-value column, 5,000,000 rows',
    indexType: 'BITMAP',
    column: 'category',
    kind: 'category',
    fullRows: 5_000_000,
    fragments: 20,
    cardinality: 20,
    seed: 5,
  },
  // Every 4th fragment holds documents 5x as long (60 vs 12 words): rows then misstate the work,
  // which is what balancing by bytes is for. Seed 7 is a layout where a plan by rows puts well
  // over the ideal share of bytes on one of 2 workers (the report prints by how much).
  {
    id: 'text-uneven',
    title: 'FTS on 2,000,000 documents whose fragments differ 5x in length',
    indexType: 'FTS',
    column: 'text',
    kind: 'text',
    fullRows: 2_000_000,
    fragments: 20,
    words: [60, 12, 12, 12],
    seed: 7,
  },
  // Issue 14: vector indices. The same vectors for both (one seed), so IVF_PQ and IVF_FLAT differ
  // only in the index. 256 partitions fit both sizes: the smoke size's 25,000 rows still give ~98
  // per partition, above k-means' usual floor of 39 per centroid, and 256 or more rows for PQ's
  // 256 codes. nprobes 20 searches ~8% of the partitions: recall then says something about the
  // model (searching them all would hide a poor one).
  {
    id: 'ivf-pq',
    title: 'IVF_PQ on 500,000 128-d float32 vectors in 20 uneven fragments',
    indexType: 'IVF_PQ',
    column: 'vec',
    kind: 'vector',
    fullRows: 500_000,
    fragments: 20,
    vector: { dimension: 128, params: { num_partitions: 256, num_sub_vectors: 16, metric: 'l2' }, nprobes: 20 },
    seed: 14,
  },
  {
    id: 'ivf-flat',
    title: 'IVF_FLAT on 500,000 128-d float32 vectors in 20 uneven fragments',
    indexType: 'IVF_FLAT',
    column: 'vec',
    kind: 'vector',
    fullRows: 500_000,
    fragments: 20,
    vector: { dimension: 128, params: { num_partitions: 256, metric: 'l2' }, nprobes: 20 },
    seed: 14,
  },
];

export function caseById(id: string): BenchCase {
  const c = CASES.find((x) => x.id === id);
  if (!c) throw new Error(`--cases: unknown case '${id}'; use some of ${CASES.map((x) => x.id).join(', ')}`);
  return c;
}

/**
 * Uneven fragment sizes from a fixed seed (Park-Miller): each fragment 0.4-1.6x the mean, the
 * spread appends of different sizes give, and the same layout on every run and machine.
 */
export function fragmentRows(c: BenchCase, size: Size): number[] {
  const total = size === 'full' ? c.fullRows : Math.round(c.fullRows / SMOKE_DIVISOR);
  let seed = c.seed;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 5; i++) rand(); // the first draws of a small seed are all tiny
  const weights = Array.from({ length: c.fragments }, () => 0.4 + 1.2 * rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const rows = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  rows[0]! += total - rows.reduce((a, b) => a + b, 0);
  return rows;
}

export function wordsPerFragment(c: BenchCase): number[] | undefined {
  return c.words && Array.from({ length: c.fragments }, (_, i) => c.words![i % c.words!.length]!);
}

/** The case's index parameters (pylance's names), the same for every contender; none for scalar cases. */
export function indexParams(c: BenchCase): Record<string, string | number> {
  return { ...c.vector?.params };
}

export function totalRows(c: BenchCase, size: Size): number {
  return fragmentRows(c, size).reduce((a, b) => a + b, 0);
}

/** Warms every tool up before the timed runs; written at smoke size: 20,000 rows in 4 fragments. */
export const WARMUP_CASE: BenchCase = {
  id: 'warmup',
  title: 'warm-up',
  indexType: 'FTS',
  column: 'text',
  kind: 'text',
  fullRows: 20_000 * SMOKE_DIVISOR,
  fragments: 4,
  words: [20],
  seed: 9,
};
