/**
 * Cancel at any phase, and other writers touching the dataset during a build, for real:
 * rows appended and deleted by another pylance process, and a second build of the same name.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import type { IndexEngine } from '@engine/engine.js';
import { startBuild } from '@core/build-coordinator.js';
import type { BuildRequest } from '@shared/contract/build.js';
import { build, copyDataset, datasetVersion, indexDirs, isAlive, pollUntil, python, snapshot, tempDir, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(80_000, 8, 'reviews.lance');
const engineOf = () => sample.engine();

const fts = (uri: string, extra: Partial<BuildRequest> = {}): BuildRequest => ({
  target: { uri, storageOptions: {} },
  column: 'review',
  indexType: 'FTS',
  workers: 2,
  ...extra,
});

describe('cancel', () => {
  for (const when of ['validate', 'plan', 'build'] as const) {
    it(`during ${when}: workers stopped, nothing committed, dataset byte-for-byte unchanged`, async () => {
      const uri = copyDataset(sample.uri(), join(tempDir(), `cancel-${when}.lance`));
      const before = snapshot(uri);
      const running = new Map<number, number>(); // batch -> pid, while it builds
      let pids: number[] = [];
      const { result, events } = await build(engineOf(), fts(uri), (e, run) => {
        if (e.type === 'batch-started' && e.pid) running.set(e.batch, e.pid);
        if (e.type === 'batch-done') running.delete(e.batch);
        const trigger = when === 'build' ? e.type === 'batch-progress' : e.type === 'phase' && e.phase === when && e.state === 'started';
        if (trigger) {
          pids = [...running.values()];
          run.cancel();
        }
      });
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('cancelled');
      expect(result.error?.message).toMatch(/cancelled; nothing was committed/);
      expect(events.some((e) => e.type === 'phase' && e.phase === 'commit')).toBe(false);
      expect(snapshot(uri)).toEqual(before);
      if (when === 'build') {
        expect(pids.length).toBeGreaterThan(0);
        // The workers building at the cancel were stopped (the pool starts fresh ones on demand);
        // a batch already done had handed its worker back, and the cancel leaves it be.
        expect(await Promise.all(pids.map((pid) => pollUntil(() => !isAlive(pid))))).toEqual(pids.map(() => true));
      }
    });
  }

  it('the engine builds normally after a cancel', async () => {
    // Its own cancel first: the tests above may not have run (a filter, another order).
    const cancelledUri = copyDataset(sample.uri(), join(tempDir(), 'cancelled-first.lance'));
    const cancelled = await build(engineOf(), fts(cancelledUri), (e, run) => {
      if (e.type === 'batch-progress') run.cancel();
    });
    expect(cancelled.result.error?.kind).toBe('cancelled');
    const uri = copyDataset(sample.uri(), join(tempDir(), 'after-cancel.lance'));
    const { result } = await build(engineOf(), fts(uri));
    expect(result.ok, result.error?.message).toBe(true);
    expect(result.verification?.ok).toBe(true);
  });
});

describe('another process writes during the build', () => {
  it('appended and deleted rows: the commit still lands on the planned fragments; the result names the unindexed ones', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'writer.lance'));
    const readVersion = datasetVersion(uri);
    let wrote = false;
    const { result } = await build(engineOf(), fts(uri), (e) => {
      if (e.type === 'batch-started' && !wrote) {
        wrote = true;
        python(
          `import lance; ds=lance.dataset(${JSON.stringify(uri)}); ` +
            `lance.write_dataset(ds.to_table(limit=500), ${JSON.stringify(uri)}, mode='append'); ` +
            `lance.dataset(${JSON.stringify(uri)}).delete('id < 50')`,
        );
      }
    });
    expect(wrote).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.readVersion).toBe(readVersion);
    expect(result.version).toBeGreaterThan(readVersion + 2); // append + delete + index
    expect(result.verification?.plannedFragmentsCovered).toBe(true);
    expect(result.verification?.unindexedFragments).toEqual([8]);

    // --only-unindexed indexes just the new fragment, keeping the existing segments.
    const more = await build(engineOf(), fts(uri, { onlyUnindexed: true }));
    expect(more.result.ok).toBe(true);
    expect(more.result.fragmentIds).toEqual([8]);
    expect(more.result.verification?.coveredFragments).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(more.result.verification?.unindexedFragments).toEqual([]);
  });

  it('two builds of the same index name at once: exactly one commits, the other reports a conflict and leaves nothing', async () => {
    const uri = copyDataset(sample.uri(), join(tempDir(), 'two.lance'));
    const other = new LocalEngine(); // a second app instance: its own workers
    try {
      const gate = commitGate(2);
      const req: BuildRequest = { target: { uri, storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 2, name: 'same_idx' };
      const runs = [
        startBuild(gate.wrap(engineOf()), req, () => undefined, { lancedbCheck: false }),
        startBuild(gate.wrap(other), req, () => undefined, { lancedbCheck: false }),
      ];
      const results = await Promise.all(runs.map((r) => r.result));
      const ok = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.error?.kind).toBe('conflict');
      expect(failed[0]!.error?.message).toMatch(/Another writer committed an index named 'same_idx'.*nothing was committed/s);
      const names = JSON.parse(python(`import lance, json; print(json.dumps([i.name for i in lance.dataset(${JSON.stringify(uri)}).describe_indices()]))`));
      expect(names.filter((n: string) => n === 'same_idx')).toHaveLength(1);
      expect(indexDirs(uri)).toEqual(ok[0]!.segmentUuids!.slice().sort());
    } finally {
      await other.close();
    }
  });
});

/** Holds every wrapped engine's commit until `n` builds have reached it, so the commits race. */
function commitGate(n: number) {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return {
    wrap(engine: IndexEngine): IndexEngine {
      return new Proxy(engine, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            if (++waiting >= n) open();
            await opened;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
}
