/**
 * A cancel stops its own build and nothing else: two builds share one service (one worker pool,
 * as in the window); cancelling one leaves the other's workers alone, and a query in flight on
 * the same engine returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { StudioService } from '@core/studio-service.js';
import type { BuildEvent, BuildResult } from '@shared/contract/build.js';
import { copyDataset, snapshot, tempDir, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(400_000, 8, 'reviews.lance');
let service: StudioService;

beforeAll(() => {
  service = new StudioService({ stateDir: join(tempDir(), 'state'), lancedbCheck: false });
});
afterAll(() => service.close());

describe('cancel belongs to its build', () => {
  it('two builds on two datasets: cancelling one, the other commits; a query during the cancel returns', async () => {
    const a = copyDataset(sample.uri(), join(sample.dir(), 'a', 'reviews.lance'));
    const b = copyDataset(sample.uri(), join(sample.dir(), 'b', 'reviews.lance'));
    const beforeA = snapshot(a);
    const request = (uri: string) => ({ target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 });

    const ids: { a?: string; b?: string } = {};
    let query: Promise<unknown> | undefined;
    let bStarted = 0;
    let aRunningAtCancel = 0;
    const queued: BuildEvent[] = [];
    // Subscribed before either build starts, so no event is missed.
    const finished = new Promise<Map<string, BuildResult>>((resolve) => {
      const results = new Map<string, BuildResult>();
      const off = service.on((event, payload) => {
        if (event !== 'buildEvent') return;
        const e = payload as BuildEvent;
        queued.push(e);
        // Once both of B's batches run (A's are running too), start a query and cancel A at once.
        if (e.jobId === ids.b && e.type === 'batch-started' && ++bStarted === 2 && ids.a) {
          aRunningAtCancel =
            queued.filter((x) => x.jobId === ids.a && x.type === 'batch-started').length -
            queued.filter((x) => x.jobId === ids.a && x.type === 'batch-done').length;
          query = service.handlers.runQuery({ target: { uri: b, storageOptions: {} }, filter: 'id < 1000', limit: 5 });
          void service.handlers.cancelBuild({ jobId: ids.a });
        }
        if (e.type === 'result') {
          results.set(e.jobId, e.result);
          if (results.size === 2) {
            off();
            resolve(results);
          }
        }
      });
    });
    ids.a = (await service.handlers.startBuild(request(a))).jobId;
    ids.b = (await service.handlers.startBuild(request(b))).jobId;
    const results = await finished;

    expect(query).toBeDefined();
    expect(aRunningAtCancel).toBeGreaterThan(0); // the cancel found A's workers at work
    const rows = (await query) as { rows: unknown[] };
    expect(rows.rows.length).toBe(5);
    const ra = results.get(ids.a)!;
    const rb = results.get(ids.b)!;
    expect(ra.ok).toBe(false);
    expect(ra.error?.kind).toBe('cancelled');
    expect(snapshot(a)).toEqual(beforeA);
    expect(rb.ok).toBe(true);
    expect(rb.verification?.ok).toBe(true);
    // B's batches ran once each: none of its workers was stopped by A's cancel.
    expect(queued.filter((e) => e.jobId === ids.b && e.type === 'batch-failed')).toEqual([]);
    expect(rb.batches.every((x) => x.attempts === 1)).toBe(true);
  });
});
