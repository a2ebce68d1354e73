/**
 * "Retry failed batches": a build whose batch died keeps the other batches' segments; the retry
 * builds the failed batch alone and commits the whole index; a new build of the dataset instead
 * removes what was kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioService } from '@core/studio-service.js';
import type { BuildEvent, BuildRequest, BuildResult } from '@shared/contract/build.js';
import { copyDataset, indexDirs, tempDir, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(40_000, 6, 'reviews.lance');
let service: StudioService;

beforeAll(() => {
  service = new StudioService({ stateDir: join(tempDir(), 'state'), lancedbCheck: false });
});
afterAll(() => service.close());

/** Starts a build through the service and collects its events until its result. */
async function run(start: () => Promise<{ jobId: string }>, onEvent: (e: BuildEvent) => void = () => undefined) {
  const events: BuildEvent[] = [];
  let jobId = '';
  const result = new Promise<BuildResult>((resolve) => {
    const off = service.on((event, payload) => {
      const e = payload as BuildEvent;
      if (event !== 'buildEvent' || (jobId && e.jobId !== jobId)) return;
      events.push(e);
      onEvent(e);
      if (e.type === 'result') {
        off();
        resolve(e.result);
      }
    });
  });
  jobId = (await start()).jobId;
  return { jobId, result: await result, events };
}

const request = (uri: string, kind: Kind = FTS): BuildRequest => ({ target: { uri, storageOptions: {} }, ...kind, workers: 3, retries: 0 });
const killBatch1 = (e: BuildEvent) => {
  if (e.type === 'batch-started' && e.batch === 1 && e.pid) process.kill(e.pid, 'SIGKILL');
};

type Kind = { column: string; indexType: string };
const FTS: Kind = { column: 'review', indexType: 'FTS' };
// pylance names a BTREE segment's folder itself: the killed batch's leftovers are found as new
// folders no version references, which the kept segments are too; they must survive that sweep.
const BTREE: Kind = { column: 'id', indexType: 'BTREE' };

describe('retry failed batches', () => {
  it.each([
    ['FTS (segment folders named by the app)', FTS],
    ['BTREE (named by pylance)', BTREE],
  ])('%s: builds only the failed batch again, with the kept segments of the others, and commits the whole index', async (label, kind) => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), `retry-${kind.indexType}`, 'reviews.lance'));
    const first = await run(() => service.handlers.startBuild(request(uri, kind)), killBatch1);
    expect(first.result.ok).toBe(false);
    expect(first.result.resumable).toBe(true);
    const kept = first.result.batches.filter((b) => !b.error).map((b) => b.uuid!);
    expect(kept).toHaveLength(2);
    for (const u of kept) expect(existsSync(join(uri, '_indices', u))).toBe(true);

    const second = await run(() => service.handlers.retryFailedBatches({ jobId: first.jobId }));
    expect(second.result.error?.message, label).toBeUndefined();
    expect(second.events.filter((e) => e.type === 'batch-started').map((e) => (e as { batch: number }).batch)).toEqual([1]);
    expect(second.result.ok).toBe(true);
    expect(second.result.verification?.ok).toBe(true);
    expect(second.result.readVersion).toBe(first.result.readVersion);
    expect(second.result.batches.map((b) => b.attempts)).toEqual([0, 1, 0]); // 0: reused from the first run
    expect(second.result.verification?.coveredFragments).toEqual([0, 1, 2, 3, 4, 5]);
    expect(indexDirs(uri)).toEqual(second.result.segmentUuids!.slice().sort()); // nothing left over
  });

  it('a new build of the dataset removes the kept segments, and the failed build can no longer be retried', async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'superseded', 'reviews.lance'));
    const first = await run(() => service.handlers.startBuild(request(uri)), killBatch1);
    const kept = first.result.batches.filter((b) => !b.error).map((b) => b.uuid!);
    const next = await run(() => service.handlers.startBuild({ ...request(uri), column: 'id', indexType: 'BTREE' }));
    expect(next.result.ok).toBe(true);
    for (const u of kept) expect(existsSync(join(uri, '_indices', u))).toBe(false);
    await expect(service.handlers.retryFailedBatches({ jobId: first.jobId })).rejects.toThrow(/has no failed batches to retry/);
  });
});
