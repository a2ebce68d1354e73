/** The vector build's rules as pure logic: pylance's defaults filled in, what can't be trained refused with what fits. */
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '@shared/contract/dataset';
import { INDEX_TYPE_INFO, indexParamProblem, isFloatVector } from '@shared/index-types';
import { defaultSubVectors, resolveVectorSettings } from '@shared/vector-settings';
import { phasesFraction } from '@shared/build-progress';

const vec = (size: number, item = 'float'): ColumnType => ({
  kind: 'fixed_size_list',
  arrow: `fixed_size_list<item: ${item}>[${size}]`,
  size,
  item: { kind: 'float', arrow: item },
});

describe('which columns take a vector index', () => {
  it('fixed-size lists of float16/32/64, nothing else', () => {
    expect(isFloatVector(vec(128))).toBe(true);
    expect(isFloatVector(vec(8, 'halffloat'))).toBe(true);
    expect(isFloatVector({ kind: 'fixed_size_list', arrow: 'fixed_size_list<item: int32>[4]', size: 4, item: { kind: 'int', arrow: 'int32' } })).toBe(false);
    expect(isFloatVector({ kind: 'list', arrow: 'list<item: float>', item: { kind: 'float', arrow: 'float' } })).toBe(false);
    expect(isFloatVector({ kind: 'string', arrow: 'string' })).toBe(false);
  });
});

describe('resolveVectorSettings', () => {
  it("fills in pylance 14's defaults: partitions from the type's target size, 16 dimensions per sub-vector", () => {
    const r = resolveVectorSettings('IVF_PQ', 'vec', vec(128), {}, 500_000);
    expect(r).toEqual({ ok: true, value: { dimension: 128, metric: 'l2', numPartitions: 61, sampleRate: 256, maxIters: 50, numSubVectors: 8, numBits: 8 } });
    const flat = resolveVectorSettings('IVF_FLAT', 'vec', vec(128), {}, 500_000);
    expect(flat.ok && flat.value).toMatchObject({ numPartitions: 122 });
    expect(flat.ok && 'numSubVectors' in flat.value).toBe(false);
    // A small dataset still gets one partition.
    const hnsw = resolveVectorSettings('IVF_HNSW_SQ', 'vec', vec(16), {}, 1000);
    expect(hnsw.ok && hnsw.value.numPartitions).toBe(1);
  });

  it('takes the given values (metric in any case)', () => {
    const r = resolveVectorSettings(
      'IVF_PQ',
      'vec',
      vec(32),
      { num_partitions: 16, num_sub_vectors: 4, num_bits: 4, metric: 'Cosine', sample_rate: 64 },
      10_000,
    );
    expect(r).toEqual({ ok: true, value: { dimension: 32, metric: 'cosine', numPartitions: 16, sampleRate: 64, maxIters: 50, numSubVectors: 4, numBits: 4 } });
  });

  it('refuses num_sub_vectors that does not divide the dimension, naming the divisors', () => {
    expect(resolveVectorSettings('IVF_PQ', 'emb', vec(12), { num_sub_vectors: 5 }, 10_000)).toEqual({
      ok: false,
      problems: ["num_sub_vectors 5 does not divide the 12 dimensions of 'emb'; use one of 1, 2, 3, 4, 6, 12."],
    });
  });

  it('asks for num_sub_vectors when neither 16 nor 8 divides the dimension', () => {
    expect(defaultSubVectors(20)).toBeUndefined();
    expect(defaultSubVectors(24)).toBe(3);
    const r = resolveVectorSettings('IVF_HNSW_PQ', 'emb', vec(20), {}, 10_000);
    expect(r).toEqual({
      ok: false,
      problems: ["'emb' has 20 dimensions, divisible by neither 16 nor 8, so IVF_HNSW_PQ has no default num_sub_vectors; give one of 1, 2, 4, 5, 10, 20."],
    });
  });

  it('refuses more partitions than rows to train on', () => {
    expect(resolveVectorSettings('IVF_FLAT', 'vec', vec(8), { num_partitions: 50 }, 40)).toEqual({
      ok: false,
      problems: ["Too few rows to train 50 IVF partitions on 'vec': the planned fragments hold 40 row(s); num_partitions must be at most 40."],
    });
  });

  it('refuses a PQ codebook with more codes than rows, saying what 4 bits would need', () => {
    const r = resolveVectorSettings('IVF_PQ', 'vec', vec(16), { num_partitions: 2 }, 200);
    expect(r).toEqual({
      ok: false,
      problems: [
        "Too few rows to train a PQ codebook of 256 codes (num_bits 8) on 'vec': the planned fragments hold 200 row(s); 256 or more are needed (num_bits 4 needs 16).",
      ],
    });
    expect(resolveVectorSettings('IVF_PQ', 'vec', vec(16), { num_partitions: 2, num_bits: 4 }, 200).ok).toBe(true);
  });

  it('does not check rows it does not know', () => {
    expect(resolveVectorSettings('IVF_FLAT', 'vec', vec(8), { num_partitions: 50 }, null).ok).toBe(true);
  });
});

describe('vector parameters and their values', () => {
  it('each type takes its own parameters', () => {
    expect(Object.keys(INDEX_TYPE_INFO.IVF_FLAT.params)).toEqual(['num_partitions', 'metric', 'sample_rate', 'max_iters']);
    expect(indexParamProblem('IVF_SQ', 'm', 16)).toBe("IVF_SQ has no parameter 'm'; it accepts num_partitions, metric, sample_rate, max_iters.");
    expect(indexParamProblem('IVF_HNSW_SQ', 'm', 16)).toBeUndefined();
    expect(indexParamProblem('IVF_HNSW_PQ', 'num_sub_vectors', 8)).toBeUndefined();
  });

  it('refuses values pylance would refuse only after the work', () => {
    expect(indexParamProblem('IVF_FLAT', 'metric', 'hamming')).toBe("Parameter 'metric' of IVF_FLAT can't be 'hamming'; pylance accepts l2, cosine, dot.");
    expect(indexParamProblem('IVF_FLAT', 'metric', 'DOT')).toBeUndefined();
    expect(indexParamProblem('IVF_FLAT', 'num_partitions', 0)).toBe(
      "Parameter 'num_partitions' of IVF_FLAT can't be 0; pylance accepts 1 or more (IVF partitions; no more than the rows trained on).",
    );
    expect(indexParamProblem('IVF_FLAT', 'sample_rate', 1)).toBe(
      "Parameter 'sample_rate' of IVF_FLAT can't be 1; pylance accepts 2 or more (rows sampled per centroid).",
    );
    expect(indexParamProblem('IVF_PQ', 'num_bits', 6)).toBe("Parameter 'num_bits' of IVF_PQ can't be 6; pylance accepts 4 or 8 (bits per PQ code).");
    expect(indexParamProblem('IVF_PQ', 'num_sub_vectors', 2.5)).toBe("Parameter 'num_sub_vectors' of IVF_PQ must be a whole number; got 2.5.");
    expect(indexParamProblem('IVF_HNSW_FLAT', 'ef_construction', 0)).toBe(
      "Parameter 'ef_construction' of IVF_HNSW_FLAT can't be 0; pylance accepts 1 or more (HNSW candidates per insert).",
    );
  });

  it('SQ types say why their segments are not merged; the others merge', () => {
    expect(INDEX_TYPE_INFO.IVF_SQ.vector?.noMerge).toMatch(/SQ bounds are computed per segment/);
    expect(INDEX_TYPE_INFO.IVF_HNSW_SQ.vector?.noMerge).toBe(INDEX_TYPE_INFO.IVF_SQ.vector?.noMerge);
    expect(INDEX_TYPE_INFO.IVF_FLAT.vector?.noMerge).toBeUndefined();
    expect(INDEX_TYPE_INFO.IVF_PQ.vector?.noMerge).toBeUndefined();
  });
});

describe('the train phase in the progress number', () => {
  const done = { validate: 'done', plan: 'done' };
  it('a scalar build (train skipped) weighs its phases as before', () => {
    expect(phasesFraction({ ...done, train: 'skipped' }, [])).toBeCloseTo(0.12);
    expect(phasesFraction({ ...done, train: 'skipped', build: 'done', commit: 'done', verify: 'done' }, [])).toBeCloseTo(1);
  });
  it('a vector build counts training, and all its phases done make 1', () => {
    expect(phasesFraction({ ...done, train: 'running' }, [])).toBeCloseTo(0.12 / 1.05);
    expect(phasesFraction({ ...done, train: 'done' }, [])).toBeCloseTo(0.17 / 1.05);
    expect(phasesFraction({ ...done, train: 'done', build: 'done', commit: 'done', verify: 'done' }, [])).toBeCloseTo(1);
  });
});
