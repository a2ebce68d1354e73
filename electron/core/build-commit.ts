/**
 * The commit phase: publish the batches' pieces as one index, and when the commit call fails,
 * find out from the dataset whether Lance committed anyway (the engine can die, or a reply be
 * lost, between Lance's commit and the answer) and say which, truthfully.
 */
import type { BuildEventInput } from '@shared/contract/build.js';
import type { BatchSuccess, CommitRequest, IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { StudioError, errorKind, errorMessage } from '@engine/engine-errors.js';
import { commitOutcome } from './commit-outcome.js';
import type { BuildSpec } from './validate.js';
import { INDEX_TYPE_INFO } from '@shared/index-types.js';

/** Segments merged into one answer queries faster (bench/query-latency); the default. */
export const DEFAULT_MERGE_SEGMENTS = true;

export interface BuildPieces {
  batches: BatchSuccess[];
  indexUuid?: string;
  indexDetails?: unknown;
}

export interface CommitContext {
  engine: IndexEngine;
  dataset: ResolvedDataset;
  readVersion: number;
  /** This build's uncommitted folders: what the commit turns into the index leaves this set. */
  written: Set<string>;
  emit: (e: BuildEventInput) => void;
}

/** The commit failed and the dataset could not be read to tell whether Lance committed. */
export class CommitOutcomeUnknown extends StudioError {}

export async function commitPieces(ctx: CommitContext, spec: BuildSpec, pieces: BuildPieces): Promise<{ version: number; segmentUuids: string[] }> {
  // SQ vector segments each carry their own bounds: merged, one segment's would serve all (index-types.ts).
  const mergeable = !INDEX_TYPE_INFO[spec.indexType].vector?.noMerge;
  const merging = spec.workflow === 'segments' && mergeable && (spec.request.mergeSegments ?? DEFAULT_MERGE_SEGMENTS);
  // What the new index is made of, as far as known before the engine announces it right before
  // Lance's commit (a merged segment has a name only once merged).
  let announced: string[] = pieces.indexUuid ? [pieces.indexUuid] : merging && pieces.batches.length > 1 ? [] : pieces.batches.map((b) => b.uuid);
  let committed: { version: number; segmentUuids: string[] };
  try {
    committed = await ctx.engine.commit(commitRequest(ctx, spec, pieces, merging), {
      onCommitting: (uuids) => {
        announced = uuids;
        for (const u of uuids) ctx.written.add(u); // if this commit doesn't happen, they are leftovers
      },
    });
  } catch (err) {
    committed = await settleFailedCommit(ctx, spec.name, announced, err);
  }
  // Committed, or merged into the committed one and removed by the engine: not ours to clean up.
  // What stays in `written` are failed attempts' partial folders, removed after verify.
  for (const u of [...pieces.batches.map((b) => b.uuid), ...announced, ...committed.segmentUuids]) ctx.written.delete(u);
  if (pieces.indexUuid) ctx.written.delete(pieces.indexUuid);
  return committed;
}

async function settleFailedCommit(ctx: CommitContext, name: string, announced: string[], err: unknown) {
  const first = errorMessage(err).split('\n')[0];
  const outcome = await commitOutcome(ctx.engine, ctx.dataset, name, announced);
  if (outcome.committed === true) {
    ctx.emit({
      type: 'log',
      level: 'warn',
      message: `The commit call failed after Lance had committed (${first}); index '${name}' is committed at version ${outcome.version}.`,
    });
    return outcome;
  }
  if (outcome.committed === 'unknown') {
    throw new CommitOutcomeUnknown(
      `The commit of index '${name}' failed (${first}) and the dataset could not be read to tell whether Lance committed it (${outcome.why}). Nothing was removed; \`lance-index describe\` shows whether '${name}' is listed.`,
      'engine',
    );
  }
  const latest = outcome.version >= 0 ? ` (the latest version, ${outcome.version}, doesn't have it)` : '';
  throw new StudioError(`Index '${name}' was not committed${latest}: ${errorMessage(err)}`, errorKind(err) === 'conflict' ? 'conflict' : 'engine');
}

function commitRequest(ctx: CommitContext, spec: BuildSpec, pieces: BuildPieces, merging: boolean): CommitRequest {
  return {
    ...ctx.dataset,
    readVersion: ctx.readVersion,
    name: spec.name,
    column: spec.column,
    indexType: spec.indexType,
    workflow: spec.workflow,
    replace: spec.request.replace,
    segments: pieces.batches.map((b) => b.segment!).filter(Boolean),
    mergeSegments: merging,
    indexUuid: pieces.indexUuid,
    indexDetails: pieces.indexDetails,
    fields: pieces.batches[0]?.fields,
    fragmentIds: spec.fragmentIds,
  };
}
