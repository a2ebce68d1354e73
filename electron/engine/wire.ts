/** The Python engine speaks snake_case JSON; the rest of the app speaks the shared contract. */
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset.js';
import type { Verification } from '@shared/contract/build.js';
import type { BatchTask, TrainRequest } from './engine.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function targetToWire(t: DatasetTarget): Raw {
  if ('uri' in t) return { uri: t.uri, storage_options: t.storageOptions ?? {} };
  return {
    namespace: { root: t.namespace.root, impl: t.namespace.impl ?? 'dir', properties: t.namespace.properties ?? {} },
    table_id: t.tableId,
    storage_options: t.storageOptions ?? {},
  };
}

export function descriptionFromWire(r: Raw): DatasetDescription {
  return {
    uri: r.uri,
    storageOptions: r.storage_options ?? {},
    version: r.version,
    latestVersion: r.latest_version,
    schema: r.schema,
    fragments: (r.fragments as Raw[]).map((f) => ({
      id: f.id,
      rows: f.rows,
      physicalRows: f.physical_rows,
      deletedRows: f.deleted_rows,
      bytes: f.bytes,
    })),
    indices: (r.indices as Raw[]).map((i) => ({
      name: i.name,
      type: i.type,
      fields: i.fields,
      segments: (i.segments as Raw[]).map((s) => ({
        uuid: s.uuid,
        fragmentIds: s.fragment_ids,
        datasetVersion: s.dataset_version ?? null,
        sizeBytes: s.size_bytes ?? null,
      })),
      fragmentIds: i.fragment_ids,
      rowsIndexed: i.num_rows_indexed ?? null,
    })),
    versions: r.versions,
    format: r.format ?? undefined,
    formatProblem: r.format_problem ?? null,
  };
}

export function verificationFromWire(r: Raw): Verification {
  return {
    ok: r.ok,
    listed: r.listed,
    name: r.name,
    version: r.version,
    type: r.type,
    segments: r.segments,
    coveredFragments: r.covered_fragments,
    plannedFragmentsCovered: r.planned_fragments_covered,
    unindexedFragments: r.unindexed_fragments,
    rowsIndexed: r.rows_indexed ?? null,
    query: r.query ? { text: r.query.text, usesIndex: r.query.uses_index, plan: r.query.plan, rows: r.query.rows } : null,
    ...(r.recall !== undefined ? { recall: r.recall } : {}),
    problems: r.problems ?? [],
  };
}

/** What a batch and the training both name: which column of which fragments, at which version, for which index type. */
function columnAtVersion(t: BatchTask | TrainRequest): Raw {
  return {
    uri: t.uri,
    storage_options: t.storageOptions,
    version: t.version,
    column: t.column,
    index_type: t.indexType,
    fragment_ids: t.fragmentIds,
  };
}

export function batchToWire(t: BatchTask): Raw {
  return {
    ...columnAtVersion(t),
    name: t.name,
    index_params: t.indexParams,
    workflow: t.workflow,
    index_uuid: t.indexUuid,
    segment_uuid: t.segmentUuid,
    vector_model: t.vectorModel,
  };
}

export function trainToWire(t: TrainRequest): Raw {
  const s = t.settings;
  return {
    ...columnAtVersion(t),
    settings: {
      metric: s.metric, dimension: s.dimension, num_partitions: s.numPartitions, sample_rate: s.sampleRate,
      max_iters: s.maxIters, num_sub_vectors: s.numSubVectors, num_bits: s.numBits,
    },
  };
}
