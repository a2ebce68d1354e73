/**
 * Faults on a real Ray cluster, injected for real: a task's worker process SIGKILLed mid-batch,
 * a whole node killed mid-build, a batch stuck on its data past --batch-timeout, a cancel. A
 * batch here runs for 1-3 s and the job's log reports its start up to a second late, so the
 * victims are found by their process title while they run (catchTaskProcess), not from the log.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent, BuildRequest } from '@shared/contract/build.js';
import { RayEngine } from '@engine/ray/ray-engine.js';
import { startBuild } from '@core/build-coordinator.js';
import { runProbe, withLancedbTable, type Probe } from '../helpers/lancedb-table.js';
import { copyDataset, indexDirs, python, snapshot, useEngineAndSample, build as buildLocally } from '../faults/support.js';
import { catchTaskProcess, runsIn, useRayCluster } from './support.js';

const ray = useRayCluster();
const sample = useEngineAndSample(600_000, 8, 'reviews.lance');

type Started = Extract<BuildEvent, { type: 'batch-started' }>;
type Failed = Extract<BuildEvent, { type: 'batch-failed' }>;

/** A build through the cluster, in this process, reacting to its events as they come. */
async function buildOnRay(request: Omit<BuildRequest, 'engine'>, onEvent?: (e: BuildEvent, cancel: () => void) => void) {
  const c = ray.cluster();
  const engine = new RayEngine({ connection: { address: c.address, token: c.token }, local: sample.engine() });
  const events: BuildEvent[] = [];
  const run = startBuild(
    engine,
    { ...request, engine: { kind: 'ray', address: c.address, token: c.token } },
    (e) => {
      events.push(e);
      onEvent?.(e, () => run.cancel());
    },
    { lancedbCheck: false },
  );
  return { result: await run.result, events, engine };
}

const probe: Probe = { column: 'review', fullText: 'comfortable', matches: () => true };
const answers = (uri: string) => withLancedbTable(uri, (t) => runProbe(t, probe)).then((o) => o.ids);

const fts = (uri: string): Omit<BuildRequest, 'engine'> => ({ target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 3 });

describe('faults on the Ray cluster', () => {
  it("a batch's worker process killed mid-task is retried on another node; the index equals a clean build", async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'killed', 'reviews.lance'));
    // The first batch task to run anywhere is killed while it runs (the SIGKILL a crash would be).
    const victim = catchTaskProcess('build_batch_task');
    let pid = 0;
    void victim.found.then((p) => process.kill((pid = p), 'SIGKILL'));
    const { result, events } = await buildOnRay(fts(uri)).finally(victim.stop);
    expect(pid).toBeGreaterThan(0);
    // It may die before it could say it started: the failure names the batch and, from Ray, its node.
    const failed = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].attempt).toBe(1);
    expect(failed[0].willRetry).toBe(true);
    expect(failed[0].error).toBe('the worker process running the batch died (WorkerCrashedError)');
    expect(failed[0].node?.ip).toBe('127.0.0.1');
    const retry = events.find((e): e is Started => e.type === 'batch-started' && e.batch === failed[0].batch && e.attempt === 2);
    expect(retry).toBeDefined();
    expect(retry!.node!.id).not.toBe(failed[0].node!.id);
    expect(result.ok).toBe(true);
    expect(result.verification?.ok).toBe(true);
    expect(result.batches.find((b) => b.batch === failed[0].batch)?.attempts).toBe(2);

    const clean = copyDataset(sample.uri(), join(sample.dir(), 'clean-1', 'reviews.lance'));
    expect((await buildLocally(sample.engine(), fts(clean))).result.ok).toBe(true);
    expect(await answers(uri)).toEqual(await answers(clean));
    expect(indexDirs(uri)).toEqual(result.segmentUuids!.slice().sort()); // the killed attempt left nothing
  });

  it('a node stopped mid-build: its batch runs again elsewhere and the build commits a correct index', async () => {
    const c = ray.cluster();
    const doomed = await c.addWorker(1); // 4 CPUs now, 4 batches: one of them lands here
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'node-lost', 'reviews.lance'));
    // The node dies while it runs a batch: caught by its worker's title, not by the log's report.
    const onDoomed = catchTaskProcess('build_batch_task', (pid) => runsIn(pid, doomed.tempDir));
    let stopped: Promise<void> | undefined;
    void onDoomed.found.then(() => (stopped = doomed.stop('SIGKILL')));
    const { result, events } = await buildOnRay({ ...fts(uri), workers: 4 }).finally(onDoomed.stop);
    expect(stopped).toBeDefined();
    await stopped;
    const failed = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failed).toHaveLength(1);
    const lost = failed[0];
    expect(lost.error).toMatch(/^the node running the batch died \(NodeDiedError\)$|^the worker process running the batch died \(WorkerCrashedError\)$/);
    expect(lost.willRetry).toBe(true);
    const rerun = events.find((e): e is Started => e.type === 'batch-started' && e.batch === lost!.batch && e.attempt > lost!.attempt);
    expect(rerun?.node?.id).not.toBe(doomed.nodeId);
    expect(result.ok).toBe(true);
    expect(result.verification?.ok).toBe(true);
    expect(result.verification?.coveredFragments).toHaveLength(8);

    const clean = copyDataset(sample.uri(), join(sample.dir(), 'clean-2', 'reviews.lance'));
    expect((await buildLocally(sample.engine(), fts(clean))).result.ok).toBe(true);
    expect(await answers(uri)).toEqual(await answers(clean));
  });

  it('a batch stuck reading its data past --batch-timeout is stopped and retried on another node, and the build commits', async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'stuck', 'reviews.lance'));
    // Fragment 0's data file becomes a FIFO: reading it blocks, as on storage that stopped
    // answering (the task's threads stay alive, unlike a SIGSTOP, which Ray's force-cancel
    // can't end). The file comes back once an attempt has timed out.
    const file = join(uri, 'data', python(`import lance; print(lance.dataset(${JSON.stringify(uri)}).get_fragments()[0].data_files()[0].path)`));
    renameSync(file, `${file}.real`);
    execFileSync('mkfifo', [file]);
    let restored = false;
    const restore = () => {
      if (!restored) renameSync(`${file}.real`, file); // over the FIFO; a reader blocked on it stays blocked
      restored = true;
    };
    // Balanced by rows: the sizes' read would meet the FIFO too (tested apart, in faults/plan-budget).
    const { result, events } = await buildOnRay({ ...fts(uri), batchTimeoutS: 20, balanceBy: 'rows' }, (e) => {
      if (e.type === 'batch-failed') restore();
    }).finally(restore);
    const failed = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const batch = failed[0].batch;
    // Usually one timeout; a retry that started before the file came back times out too.
    for (const f of failed) {
      expect(f).toMatchObject({ batch, willRetry: true });
      expect(f.error).toMatch(/batch timed out after 20 s; its worker was stopped/);
    }
    const last = events.filter((e): e is Started => e.type === 'batch-started' && e.batch === batch).at(-1)!;
    expect(last.attempt).toBe(failed.length + 1);
    expect(last.node!.id).not.toBe(failed.at(-1)!.node!.id);
    expect(events.find((e) => e.type === 'batch-done' && e.batch === batch)).toBeDefined();
    expect(result.ok, result.error?.message).toBe(true);
    expect(result.verification?.ok).toBe(true);
    expect(result.batches.find((b) => b.batch === batch)?.attempts).toBe(failed.length + 1);
    expect(indexDirs(uri)).toEqual(result.segmentUuids!.slice().sort()); // the stuck attempts left nothing
  }, 300_000);

  it('when every attempt outlives --batch-timeout, each is retried on another node and the build fails cleanly', async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'timeout', 'reviews.lance'));
    const before = snapshot(uri);
    const { result, events } = await buildOnRay({ ...fts(uri), retries: 1, batchTimeoutS: 0.05 });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('build');
    const failures = events.filter((e): e is Failed => e.type === 'batch-failed');
    expect(failures.filter((f) => f.attempt === 1).every((f) => f.willRetry)).toBe(true);
    expect(failures.every((f) => /batch timed out after 0\.05 s; its worker was stopped/.test(f.error))).toBe(true);
    for (const f of failures.filter((x) => x.attempt === 2)) {
      const firstTry = failures.find((x) => x.batch === f.batch && x.attempt === 1)!;
      expect(f.node?.id).not.toBe(firstTry.node?.id);
    }
    expect(result.error?.message).toMatch(
      /^Index building failed:\nbatch 0 .*2 attempts\): attempt 1 on node 127\.0\.0\.1 .*timed out after 0\.05 s.*; attempt 2 .*timed out/m,
    );
    expect(snapshot(uri)).toEqual(before);
    expect(indexDirs(uri)).toEqual([]);
  });

  it('cancel stops the job (STOPPED), commits nothing and leaves the files as they were', async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'cancelled', 'reviews.lance'));
    const before = snapshot(uri);
    let cancelled = false;
    const { result, engine } = await buildOnRay(fts(uri), (e, cancel) => {
      if (e.type === 'batch-progress' && !cancelled) {
        cancelled = true;
        cancel();
      }
    });
    expect(cancelled).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('cancelled');
    expect(result.error?.message).toBe('Build cancelled; nothing was committed.');
    const submissionId = engine.ref.kind === 'ray' ? engine.ref.submissionId : undefined;
    expect(submissionId).toMatch(/^lance-index-build-/);
    expect((await ray.cluster().client.job(submissionId!)).status).toBe('STOPPED');
    expect(snapshot(uri)).toEqual(before);
    expect(indexDirs(uri)).toEqual([]);
  });
});
