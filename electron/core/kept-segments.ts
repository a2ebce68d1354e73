/**
 * Segments of failed builds kept for a retry of the failed batches alone (the window's "Retry
 * failed batches"). Kept uncommitted, they are removed when no retry will use them: another
 * build of that dataset starts, or the app closes. (If the app dies first, they are orphans that
 * `cleanup` finds like any other.)
 */
import type { IndexEngine } from '@engine/engine.js';
import type { Resumable } from './build-coordinator.js';

interface Kept {
  key: string;
  engine: IndexEngine;
  resumable: Resumable;
}

export class KeptSegments {
  private readonly byJob = new Map<string, Kept>();

  keep(jobId: string, key: string, engine: IndexEngine, resumable: Resumable): void {
    this.byJob.set(jobId, { key, engine, resumable });
  }

  /** What a retry of `jobId` resumes; it is the retry's from now on. */
  take(jobId: string): Kept | undefined {
    const kept = this.byJob.get(jobId);
    this.byJob.delete(jobId);
    return kept;
  }

  /** Remove the kept segments of a dataset (another build of it starts: they can't be resumed). */
  async dropFor(key: string): Promise<void> {
    await Promise.all([...this.byJob].filter(([, k]) => k.key === key).map(([jobId]) => this.discard(jobId)));
  }

  async dropAll(): Promise<void> {
    await Promise.all([...this.byJob.keys()].map((jobId) => this.discard(jobId)));
  }

  private async discard(jobId: string): Promise<void> {
    const kept = this.take(jobId);
    if (!kept) return;
    const uuids = [...kept.resumable.succeeded.values()].map((s) => s.uuid);
    await kept.engine.discard(kept.resumable.dataset, uuids, kept.resumable.readVersion).catch(() => undefined); // orphans for `cleanup` then
  }
}
