/**
 * Dead workers and retries, injected for real: a worker process is SIGKILLed while it builds.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { build, copyDataset, datasetVersion, indexDirs, python, snapshot, tempDir, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(80_000, 8, 'reviews.lance');
const engineOf = () => sample.engine();

const ftsQuery = (uri: string) =>
  python(`import lance, json; ds=lance.dataset(${JSON.stringify(uri)}); print(json.dumps(sorted(ds.to_table(full_text_query='battery', columns=['id'])['id'].to_pylist())))`);

describe('a worker killed mid-batch', () => {
  it('is noticed at once, replaced, and its batch retried on another worker; the index equals a clean build', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'a.lance'));
    let killedAt = 0;
    let noticedAt = 0;
    let killedPid = 0;
    const { result, events } = await build(engineOf(), { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 }, (e) => {
      if (e.type === 'batch-failed' && !noticedAt) noticedAt = performance.now();
      if (e.type === 'batch-started' && e.batch === 0 && e.attempt === 1 && e.pid) {
        killedPid = e.pid;
        killedAt = performance.now();
        process.kill(e.pid, 'SIGKILL');
      }
    });
    expect(killedPid).toBeGreaterThan(0);
    const failed = events.find((e): e is Extract<BuildEvent, { type: 'batch-failed' }> => e.type === 'batch-failed');
    expect(failed).toBeDefined();
    expect(failed!.batch).toBe(0);
    expect(failed!.willRetry).toBe(true);
    expect(failed!.error).toMatch(/died: killed by SIGKILL/);
    const retried = events.find((e) => e.type === 'batch-started' && e.batch === 0 && e.attempt === 2) as Extract<BuildEvent, { type: 'batch-started' }>;
    expect(retried.worker).not.toBe(failed!.worker);
    expect(result.ok).toBe(true);
    expect(result.verification?.ok).toBe(true);
    expect(result.batches.find((b) => b.batch === 0)?.attempts).toBe(2);
    // Noticed through the process exit, not a timeout (none was set; the start timeout is 120 s).
    expect(noticedAt - killedAt).toBeLessThan(3000);

    // Same index as a clean run: same coverage, same query results.
    const clean = copyDataset(sample.uri(), join(tempDir(), 'clean.lance'));
    const c = await build(engineOf(), { target: { uri: clean, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 });
    expect(c.result.ok).toBe(true);
    expect(result.verification?.coveredFragments).toEqual(c.result.verification?.coveredFragments);
    expect(ftsQuery(uri)).toBe(ftsQuery(clean));
    // The killed attempt's partial folder was removed: only committed folders remain.
    expect(indexDirs(uri)).toEqual(result.segmentUuids!.slice().sort());
  });

  it('with no retries left, fails the build with every attempt listed and leaves the dataset byte-for-byte unchanged', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'b.lance'));
    const before = snapshot(uri);
    const version = datasetVersion(uri);
    const { result } = await build(engineOf(), { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2, retries: 1 }, (e) => {
      if (e.type === 'batch-started' && e.batch === 1 && e.pid) process.kill(e.pid, 'SIGKILL');
    });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('build');
    expect(result.error?.message).toMatch(/^Index building failed:\nbatch 1 \(worker \d, fragments [\d,]+, 2 attempts\): attempt 1 on worker \d: .*SIGKILL.*; attempt 2 on worker \d: .*SIGKILL/s);
    expect(datasetVersion(uri)).toBe(version);
    expect(snapshot(uri)).toEqual(before);
  });

  it('a batch that outlives --batch-timeout is stopped and retried', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'c.lance'));
    const before = snapshot(uri);
    const { result, events } = await build(engineOf(), {
      target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2, retries: 1, batchTimeoutS: 0.05,
    });
    // 50 ms is shorter than any FTS batch here: every attempt times out, the build fails cleanly.
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/timed out after 0.05 s/);
    expect(events.filter((e) => e.type === 'batch-failed').length).toBeGreaterThanOrEqual(2);
    expect(snapshot(uri)).toEqual(before);
  });

  it('a BTREE or NGRAM batch killed mid-build (pylance names those folders itself) leaves no folder behind', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'd.lance'));
    const before = snapshot(uri);
    const { result } = await build(engineOf(), { target: { uri, storageOptions: {} }, column: 'review', indexType: 'NGRAM', workers: 2, retries: 0 }, (e) => {
      if (e.type === 'batch-started' && e.batch === 0 && e.pid) setImmediate(() => process.kill(e.pid!, 'SIGKILL'));
    });
    expect(result.ok).toBe(false);
    expect(snapshot(uri)).toEqual(before);
  });
});
