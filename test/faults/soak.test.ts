/**
 * Soak: 50 builds in a row in one process on one warm engine. No leftover processes, no open
 * file growth, no memory growth; the numbers are printed for the record.
 */
import { expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { startBuild } from '@core/build-coordinator.js';
import { indexDirs, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(20_000, 6, 'soak.lance');
const engineOf = () => sample.engine();

const openFds = () => readdirSync('/proc/self/fd').length;
const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};
const childPids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(process.pid);
      } catch {
        return false;
      }
    })
    .map(Number);

it('50 builds in a row: no leftover processes, open files or memory growth', async () => {
  const types = [
    ['id', 'BTREE'],
    ['category', 'BITMAP'],
    ['review', 'FTS'],
    ['price', 'ZONEMAP'],
    ['tags', 'LABEL_LIST'],
  ] as const;
  const samples: Array<{ fds: number; nodeRss: number; workerRss: number; children: number }> = [];
  let committedSegments = 0;
  for (let i = 0; i < 50; i++) {
    const [column, indexType] = types[i % types.length]!;
    const run = startBuild(engineOf(), { target: { uri: sample.uri(), storageOptions: {} }, column, indexType, workers: 2 }, () => undefined);
    const r = await run.result;
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.verification?.ok).toBe(true);
    committedSegments += r.segmentUuids!.length;
    if (i === 4 || i === 49) {
      global.gc?.();
      samples.push({
        fds: openFds(),
        nodeRss: rssMiB(process.pid),
        workerRss: engineOf()
          .pool.pids()
          .reduce((s, p) => s + rssMiB(p), 0),
        children: childPids().length,
      });
    }
  }
  const [early, late] = samples as [(typeof samples)[0], (typeof samples)[0]];
  console.log(`soak: after 5 builds ${JSON.stringify(early)}; after 50 builds ${JSON.stringify(late)} (MiB)`);
  expect(late.children).toBe(2); // the two warm workers, nothing else
  expect(engineOf().pool.pids()).toHaveLength(2);
  expect(late.fds - early.fds).toBeLessThanOrEqual(4);
  expect(late.nodeRss - early.nodeRss).toBeLessThan(80);
  expect(late.workerRss - early.workerRss).toBeLessThan(300);
  // Replaced indices stay referenced by older versions (until Lance's cleanup_old_versions);
  // what must not exist is a folder no version references.
  // (One folder per committed segment: BTREE's builds commit one per batch, the others merge theirs.)
  expect(committedSegments).toBe(60);
  expect(indexDirs(sample.uri())).toHaveLength(committedSegments);
  const report = await engineOf().findOrphans({ uri: sample.uri(), storageOptions: {} });
  expect(report.orphans).toEqual([]);
  expect(report.tooRecent).toEqual([]);
});
