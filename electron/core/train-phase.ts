/**
 * The train phase of a vector build: the IVF centroids (and PQ codebook) trained once, on one
 * worker, from a sample of the planned fragments. The model is handed unchanged to every batch
 * and every retry; a retry of failed batches takes over the failed run's model instead of
 * training another (its kept segments were built with that one).
 */
import type { BuildEventInput, VectorModelSummary } from '@shared/contract/build.js';
import type { IndexEngine, ResolvedDataset, TrainedModel } from '@engine/engine.js';
import type { BuildSpec } from './validate.js';

export interface VectorModel {
  trained: TrainedModel;
  summary: VectorModelSummary;
}

export async function trainVectorModel(
  engine: IndexEngine,
  dataset: ResolvedDataset,
  readVersion: number,
  spec: BuildSpec & { vector: NonNullable<BuildSpec['vector']> },
  emit: (e: BuildEventInput) => void,
  signal: AbortSignal,
  resumed?: VectorModel,
): Promise<VectorModel> {
  if (resumed) {
    const summary = { ...resumed.summary, reused: true };
    emit({ type: 'model', model: summary });
    return { trained: resumed.trained, summary };
  }
  const s = spec.vector;
  const trained = await engine.trainVector(
    { ...dataset, version: readVersion, column: spec.column, indexType: spec.indexType, fragmentIds: spec.fragmentIds, settings: s },
    (p) => emit({ type: 'train-progress', stage: p.stage, completed: p.completed, total: p.total, fraction: p.total ? p.completed / p.total : null }),
    signal,
  );
  const summary: VectorModelSummary = {
    modelId: trained.modelId,
    indexType: spec.indexType,
    metric: s.metric,
    dimension: s.dimension,
    numPartitions: trained.numPartitions,
    numSubVectors: s.numSubVectors ?? null,
    numBits: s.numBits ?? null,
    sampleRate: s.sampleRate,
    fragments: spec.fragmentIds.length,
    reused: false,
  };
  emit({ type: 'model', model: summary });
  return { trained, summary };
}
