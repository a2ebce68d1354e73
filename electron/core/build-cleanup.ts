/**
 * Removing what a build wrote and did not commit. Folders whose names the build chose are
 * removed exactly. pylance names BTREE/NGRAM/LABEL_LIST segments itself, so when such a batch
 * was stopped mid-build its folder is found as: new since the build started, and referenced by
 * no version from the one the build read. Either way the engine re-reads the versions right
 * before it deletes and keeps any folder a version references. Segments kept for a retry of
 * the failed batches (`keep`) are new and unreferenced too, and are left alone.
 */
import type { IndexEngine, RemovalReport, ResolvedDataset } from '@engine/engine.js';

export async function discardUncommitted(
  engine: IndexEngine,
  ds: ResolvedDataset,
  ours: string[],
  dirsBefore: Set<string> | undefined,
  readVersion: number | undefined,
  keep: ReadonlySet<string> = new Set(),
): Promise<RemovalReport> {
  const report = ours.length ? await engine.discard(ds, ours, readVersion) : { removed: [], keptReferenced: [] };
  if (!dirsBefore) return report;
  const known = new Set([...report.removed, ...report.keptReferenced]);
  const fresh = (await engine.listIndexDirs(ds)).filter((u) => !dirsBefore.has(u) && !known.has(u) && !keep.has(u));
  if (fresh.length === 0) return report;
  const orphans = await engine.findOrphans(ds, { only: fresh, sinceVersion: readVersion });
  const r = await engine.removeOrphans(
    ds,
    orphans.orphans.map((o) => o.uuid),
  );
  return { removed: [...report.removed, ...r.removed], keptReferenced: [...report.keptReferenced, ...r.keptReferenced] };
}
