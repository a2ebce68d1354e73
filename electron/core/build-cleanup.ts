/**
 * Removing what a build wrote and did not commit. Folders whose names the build chose are
 * removed exactly. pylance names BTREE/NGRAM/LABEL_LIST segments itself, so when such a batch
 * was stopped mid-build its folder is found as: new since the build started, and referenced by
 * no version from the one the build read.
 */
import type { IndexEngine, ResolvedDataset } from '@engine/engine.js';

export async function discardUncommitted(
  engine: IndexEngine,
  ds: ResolvedDataset,
  ours: string[],
  dirsBefore: Set<string> | undefined,
  readVersion: number | undefined,
): Promise<string[]> {
  const removed = ours.length ? await engine.discard(ds, ours) : [];
  if (!dirsBefore) return removed;
  const fresh = (await engine.listIndexDirs(ds)).filter((u) => !dirsBefore.has(u) && !removed.includes(u));
  if (fresh.length === 0) return removed;
  const report = await engine.findOrphans(ds, { only: fresh, sinceVersion: readVersion });
  const r = await engine.removeOrphans(ds, report.orphans.map((o) => o.uuid));
  return [...removed, ...r.removed];
}
