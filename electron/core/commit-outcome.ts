/**
 * When the commit call fails, Lance may have committed anyway: the engine can die, or a reply
 * be lost, between Lance's commit and the answer. The latest manifest tells which: the index of
 * that name made of the folders announced right before the commit means "committed".
 */
import type { IndexEngine, ResolvedDataset } from '@engine/engine.js';
import { errorMessage } from '@engine/engine-errors.js';

export type CommitOutcome =
  { committed: true; version: number; segmentUuids: string[] } | { committed: false; version: number } | { committed: 'unknown'; why: string };

export async function commitOutcome(engine: IndexEngine, ds: ResolvedDataset, name: string, candidates: readonly string[]): Promise<CommitOutcome> {
  if (candidates.length === 0) return { committed: false, version: -1 }; // nothing was announced: Lance was never asked
  try {
    const latest = await engine.describe({ uri: ds.uri, storageOptions: ds.storageOptions });
    const index = latest.indices.find((i) => i.name === name);
    const ours = index?.segments.map((s) => s.uuid).filter((u) => candidates.includes(u)) ?? [];
    return ours.length ? { committed: true, version: latest.version, segmentUuids: ours } : { committed: false, version: latest.version };
  } catch (err) {
    return { committed: 'unknown', why: errorMessage(err) };
  }
}
