/**
 * A caller whose engine runs one build (the CLI) has it stopped once the build is done with it:
 * after the engine's own verification and the cleanup, before @lancedb/lancedb's check, so the
 * engine's memory and the check's are never held at once. The check still runs, on the
 * committed index, with no engine left.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { startBuild } from '@core/build-coordinator.js';
import type { BuildEvent } from '@shared/contract/build.js';
import { copyDataset, isAlive, python, tempDir } from '../faults/support.js';

let base: string;
const sampler = new LocalEngine();

beforeAll(async () => {
  base = join(tempDir(), 'reviews.lance');
  await sampler.writeSample({ out: base, rows: 20_000, fragments: 4 });
}, 120_000);
afterAll(() => sampler.close());

const request = (uri: string) => ({ target: { uri, storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 2 });

it('stops the engine after it verified the committed index and before the @lancedb/lancedb check, which still runs', async () => {
  const uri = copyDataset(base, join(tempDir(), 'r.lance'));
  const engine = new LocalEngine();
  const pids = new Set<number>();
  let atRelease: { indices: string; commitDone: boolean } | undefined;
  const events: BuildEvent[] = [];
  const run = startBuild(
    engine,
    request(uri),
    (e) => {
      events.push(e);
      if (e.type === 'batch-started' && e.pid) pids.add(e.pid);
    },
    {
      releaseEngine: async () => {
        // What another process sees at this moment: the index is committed.
        atRelease = {
          indices: python(`import lance; print(','.join(i.name for i in lance.dataset(${JSON.stringify(uri)}).describe_indices()))`),
          commitDone: events.some((e) => e.type === 'phase' && e.phase === 'commit' && e.state === 'done'),
        };
        await engine.close();
      },
    },
  );
  const result = await run.result;
  expect(result.ok).toBe(true);
  expect(atRelease).toEqual({ indices: 'id_idx', commitDone: true });
  // The engine's check ran before the release, and @lancedb/lancedb's after it, with no engine.
  expect(result.verification?.ok).toBe(true);
  expect(result.verification?.listed).toBe(true);
  expect(result.verification?.lancedb).toMatchObject({ checked: true, listed: true, usesIndex: true });
  expect(pids.size).toBeGreaterThan(0);
  for (const pid of pids) expect(isAlive(pid), `engine process ${pid}`).toBe(false);
});

it("keeps a caller's engine running without the option (the window runs builds and queries on one)", async () => {
  const uri = copyDataset(base, join(tempDir(), 'k.lance'));
  const engine = new LocalEngine();
  const pids = new Set<number>();
  try {
    const result = await startBuild(engine, request(uri), (e) => {
      if (e.type === 'batch-started' && e.pid) pids.add(e.pid);
    }).result;
    expect(result.ok).toBe(true);
    expect(result.verification?.lancedb).toMatchObject({ checked: true, usesIndex: true });
    expect([...pids].some((pid) => isAlive(pid))).toBe(true);
  } finally {
    await engine.close();
  }
});
