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

export interface BuildPieces {
  batches: BatchSuccess[];
  indexUuid?: string;
  indexDetails?: unknown;
}

export interface CommitContext {
  engine: IndexEngine;
  dataset: ResolvedDataset;
  readVersion: number;
  emit: (e: BuildEventInput) => void;
}

/**
 * How a commit ended, with what it means for the build's folders: on success, those that are now
 * the index's (or were merged into it and removed by the engine), so no longer the build's to
 * clean up; on failure, those the engine announced for the index, which are leftovers unless
 * whether Lance committed can't be told (`outcomeUnknown`: then nothing may be removed).
 */
export type CommitAttempt =
  | { ok: true; version: number; segmentUuids: string[]; nowTheIndexs: string[] }
  | { ok: false; error: StudioError; announced: string[]; outcomeUnknown: boolean };

/** The commit failed and the dataset could not be read to tell whether Lance committed. */
class CommitOutcomeUnknown extends StudioError {}

export async function commitPieces(ctx: CommitContext, spec: BuildSpec, pieces: BuildPieces): Promise<CommitAttempt> {
  // SQ vector segments each carry their own bounds: merged, one segment's would serve all. Without
  // a flag, the type decides: merged where that makes queries faster (index-types.ts).
  const info = INDEX_TYPE_INFO[spec.indexType];
  const merging = spec.workflow === 'segments' && !info.vector?.noMerge && (spec.request.mergeSegments ?? info.mergedByDefault);
  // What the new index is made of, as far as known before the engine announces it right before
  // Lance's commit (a merged segment has a name only once merged).
  let announced: string[] = pieces.indexUuid ? [pieces.indexUuid] : merging && pieces.batches.length > 1 ? [] : pieces.batches.map((b) => b.uuid);
  let committed: { version: number; segmentUuids: string[] };
  try {
    committed = await ctx.engine.commit(commitRequest(ctx, spec, pieces, merging), {
      onCommitting: (uuids) => {
        announced = uuids;
      },
    });
  } catch (err) {
    try {
      committed = await settleFailedCommit(ctx, spec.name, announced, err);
    } catch (settled) {
      const error = settled instanceof StudioError ? settled : new StudioError(errorMessage(settled), 'engine');
      return { ok: false, error, announced, outcomeUnknown: settled instanceof CommitOutcomeUnknown };
    }
  }
  const nowTheIndexs = [...pieces.batches.map((b) => b.uuid), ...announced, ...committed.segmentUuids, ...(pieces.indexUuid ? [pieces.indexUuid] : [])];
  return { ok: true, ...committed, nowTheIndexs };
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
