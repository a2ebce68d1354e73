/**
 * Dead and hung workers, and retries, injected for real: a worker process is SIGKILLed while it
 * builds, or SIGSTOPped so it hangs past --batch-timeout.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { build, copyDataset, datasetVersion, indexDirs, isAlive, pollUntil, python, snapshot, tempDir, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(80_000, 8, 'reviews.lance');
const engineOf = () => sample.engine();

const ftsQuery = (uri: string) =>
  python(
    `import lance, json; ds=lance.dataset(${JSON.stringify(uri)}); print(json.dumps(sorted(ds.to_table(full_text_query='battery', columns=['id'])['id'].to_pylist())))`,
  );

describe('a worker killed mid-batch', () => {
  it('is noticed by its exit (no timeout), replaced, and its batch retried on another worker; the index equals a clean build', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'a.lance'));
    let killedPid = 0;
    // No --batch-timeout: the only way to learn of the death is the process's exit.
    const { result, events } = await build(engineOf(), { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 }, (e) => {
      if (e.type === 'batch-started' && e.batch === 0 && e.attempt === 1 && e.pid) {
        killedPid = e.pid;
        process.kill(e.pid, 'SIGKILL');
      }
    });
    expect(killedPid).toBeGreaterThan(0);
    const failed = events.find((e): e is Failed => e.type === 'batch-failed');
    expect(failed).toBeDefined();
    expect(failed!.batch).toBe(0);
    expect(failed!.willRetry).toBe(true);
    // Noticed through the process exit: the error names the signal (a timeout would say so, and
    // none was set), and it is the killed process's, not the replacement's.
    expect(failed!.error).toMatch(/died: killed by SIGKILL/);
    expect(failed!.error).not.toMatch(/timed out/);
    const retried = startedEvent(events, 0, 2);
    expect(retried.worker).not.toBe(failed!.worker);
    expect(retried.pid).not.toBe(killedPid);
    expect(result.ok).toBe(true);
    expect(result.verification?.ok).toBe(true);
    expect(result.batches.find((b) => b.batch === 0)?.attempts).toBe(2);

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
    expect(result.error?.message).toMatch(
      /^Index building failed:\nbatch 1 \(worker \d, fragments [\d,]+, 2 attempts\): attempt 1 on worker \d: .*SIGKILL.*; attempt 2 on worker \d: .*SIGKILL/s,
    );
    expect(datasetVersion(uri)).toBe(version);
    expect(snapshot(uri)).toEqual(before);
  });

  it('a batch that hangs past --batch-timeout is stopped and retried on another worker, and the build commits', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'c.lance'));
    let hungPid = 0;
    // SIGSTOP is a worker that hangs: alive, silent, never finishing. A BTREE batch here takes
    // milliseconds, so 2 s is only ever reached by the stopped one.
    const { result, events } = await build(
      engineOf(),
      { target: { uri, storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 2, batchTimeoutS: 2 },
      (e) => {
        if (e.type === 'batch-started' && e.batch === 0 && e.attempt === 1 && e.pid) {
          hungPid = e.pid;
          process.kill(e.pid, 'SIGSTOP');
        }
      },
    );
    expect(hungPid).toBeGreaterThan(0);
    const failures = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failures).toEqual([expect.objectContaining({ batch: 0, attempt: 1, willRetry: true })]);
    expect(failures[0]!.error).toMatch(/^batch timed out after 2 s; worker \d+ was stopped$/);
    const [first, second] = [startedEvent(events, 0, 1), startedEvent(events, 0, 2)];
    expect(second.worker).not.toBe(first.worker);
    expect(second.pid).not.toBe(hungPid);
    expect(events.find((e) => e.type === 'batch-done' && e.batch === 0)).toMatchObject({ worker: second.worker });
    expect(result.ok, result.error?.message).toBe(true);
    expect(result.batches.find((b) => b.batch === 0)).toMatchObject({ attempts: 2, worker: second.worker });
    expect(result.verification?.ok).toBe(true);
    expect(result.verification?.coveredFragments).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(indexDirs(uri)).toEqual(result.segmentUuids!.slice().sort());
    // The hung process was ended, not left stopped.
    expect(await pollUntil(() => !isAlive(hungPid))).toBe(true);
  });

  it('when every attempt outlives --batch-timeout, each is stopped, retried on another worker, and the build fails cleanly', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'd.lance'));
    const before = snapshot(uri);
    const { result, events } = await build(engineOf(), {
      target: { uri, storageOptions: {} },
      column: 'review',
      indexType: 'FTS',
      workers: 2,
      retries: 1,
      batchTimeoutS: 0.05,
    });
    // 50 ms is shorter than any FTS batch here: every attempt times out.
    expect(result.ok).toBe(false);
    const failures = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failures.map((f) => [f.batch, f.attempt, f.willRetry]).sort()).toEqual([
      [0, 1, true],
      [0, 2, false],
      [1, 1, true],
      [1, 2, false],
    ]);
    expect(failures.every((f) => /^batch timed out after 0\.05 s; worker \d+ was stopped$/.test(f.error))).toBe(true);
    for (const batch of [0, 1]) expect(startedEvent(events, batch, 2).worker).not.toBe(startedEvent(events, batch, 1).worker);
    expect(result.error?.message).toMatch(
      /^Index building failed:\nbatch 0 .*2 attempts\): attempt 1 on worker \d: batch timed out after 0\.05 s.*; attempt 2 on worker \d: batch timed out/m,
    );
    expect(snapshot(uri)).toEqual(before);
  });

  // pylance names BTREE and NGRAM folders itself, so what the killed worker wrote can't be known
  // by name: it must be found as new and unreferenced. The kill comes once the folder exists.
  it.each([
    ['BTREE', 'review'],
    ['NGRAM', 'review'],
  ])('a %s batch killed after it wrote into _indices leaves no folder behind', async (indexType, column) => {
    const uri = copyDataset(sample.uri(), join(tempDir(), `${indexType}.lance`));
    const before = snapshot(uri);
    const existing = new Set(indexDirs(uri));
    const newFolders = () => indexDirs(uri).filter((d) => !existing.has(d));
    let watched: Promise<{ pid: number; folders: string[] } | undefined> | undefined;
    // One worker, one batch: the folder that appears can only be the killed worker's.
    const { result, events } = await build(engineOf(), { target: { uri, storageOptions: {} }, column, indexType, workers: 1, retries: 0 }, (e) => {
      if (e.type !== 'batch-started' || !e.pid) return;
      const pid = e.pid;
      watched = pollUntil(() => newFolders().length > 0, 60_000).then((seen) => {
        if (!seen) return undefined;
        const folders = newFolders();
        process.kill(pid, 'SIGKILL');
        return { pid, folders };
      });
    });
    const killed = await watched;
    expect(killed, 'the worker wrote into _indices before it finished').toBeDefined();
    expect(killed!.folders.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'batch-done')).toBe(false);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/died: killed by SIGKILL/);
    for (const folder of killed!.folders) expect(existsSync(join(uri, '_indices', folder))).toBe(false);
    expect(snapshot(uri)).toEqual(before);
  });
});

type Started = Extract<BuildEvent, { type: 'batch-started' }>;
type Failed = Extract<BuildEvent, { type: 'batch-failed' }>;

function startedEvent(events: BuildEvent[], batch: number, attempt: number): Started {
  const e = events.find((x): x is Started => x.type === 'batch-started' && x.batch === batch && x.attempt === attempt);
  if (!e) throw new Error(`batch ${batch} never started attempt ${attempt}`);
  return e;
}
