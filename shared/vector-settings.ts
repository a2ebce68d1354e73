/**
 * A vector build's settings, resolved once from the request and the column before anything runs:
 * pylance's defaults filled in, and what can't work refused with the value and what fits (a
 * dimension num_sub_vectors doesn't divide, more partitions than rows to train on, ...).
 * The train phase and every batch then use exactly these.
 */
import type { ColumnType } from './contract/dataset.js';
import { INDEX_TYPE_INFO, type IndexType } from './index-types.js';

export interface VectorSettings {
  dimension: number;
  metric: string;
  numPartitions: number;
  sampleRate: number;
  maxIters: number;
  /** PQ types only. */
  numSubVectors?: number;
  numBits?: number;
}

/** pylance 14's defaults for IVF/PQ training (IndicesBuilder.train_ivf / train_pq; create_index's metric). */
export const VECTOR_DEFAULTS = { metric: 'l2', sampleRate: 256, maxIters: 50, numBits: 8 } as const;

/** pylance's own default: 16 dimensions per sub-vector, else 8; neither divides → the user must choose. */
export function defaultSubVectors(dimension: number): number | undefined {
  if (dimension % 16 === 0) return dimension / 16;
  if (dimension % 8 === 0) return dimension / 8;
  return undefined;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/**
 * The settings, or the problems (each naming the value and what fits). `rows` is the live rows of
 * the planned fragments (what training samples from); null when unknown (then not checked).
 */
export function resolveVectorSettings(
  indexType: IndexType,
  column: string,
  type: ColumnType,
  params: Record<string, unknown>,
  rows: number | null,
): { ok: true; value: VectorSettings } | { ok: false; problems: string[] } {
  const info = INDEX_TYPE_INFO[indexType].vector;
  if (!info || type.kind !== 'fixed_size_list' || !type.size) return { ok: false, problems: [`${indexType} is not a vector index type.`] };
  const dimension = type.size;
  const problems: string[] = [];
  const pq = info.quantizer === 'pq';
  const given = (k: string) => (params[k] === undefined ? undefined : Number(params[k]));

  const numPartitions = given('num_partitions') ?? Math.max(1, Math.floor((rows ?? 0) / info.targetPartitionSize));
  if (rows !== null && rows < numPartitions) {
    problems.push(
      `Too few rows to train ${numPartitions} IVF partitions on '${column}': the planned fragments hold ${rows} row(s); num_partitions must be at most ${rows}.`,
    );
  }
  let numSubVectors: number | undefined;
  let numBits: number | undefined;
  if (pq) {
    numBits = given('num_bits') ?? VECTOR_DEFAULTS.numBits;
    numSubVectors = given('num_sub_vectors') ?? defaultSubVectors(dimension);
    if (numSubVectors === undefined) {
      problems.push(
        `'${column}' has ${dimension} dimensions, divisible by neither 16 nor 8, so ${indexType} has no default num_sub_vectors; give one of ${divisors(dimension).join(', ')}.`,
      );
    } else if (dimension % numSubVectors !== 0) {
      problems.push(
        `num_sub_vectors ${numSubVectors} does not divide the ${dimension} dimensions of '${column}'; use one of ${divisors(dimension).join(', ')}.`,
      );
    }
    const codes = 2 ** numBits;
    if (rows !== null && rows < codes) {
      problems.push(
        `Too few rows to train a PQ codebook of ${codes} codes (num_bits ${numBits}) on '${column}': the planned fragments hold ${rows} row(s); ${codes} or more are needed${numBits === 8 ? ' (num_bits 4 needs 16)' : ''}.`,
      );
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      dimension,
      metric: String(params.metric ?? VECTOR_DEFAULTS.metric).toLowerCase(),
      numPartitions,
      sampleRate: given('sample_rate') ?? VECTOR_DEFAULTS.sampleRate,
      maxIters: given('max_iters') ?? VECTOR_DEFAULTS.maxIters,
      ...(pq ? { numSubVectors, numBits } : {}),
    },
  };
}
