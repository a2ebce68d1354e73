import { describe, expect, it } from 'vitest';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state';
import type { ClusterJob, ClusterStatus } from '@shared/contract/cluster';
import {
  aliveCpus,
  batchesByNode,
  clusterVerdict,
  nodeLabel,
  orderJobs,
  rayBuildToShow,
  shortNodeId,
  submissionOf,
} from '@renderer/features/cluster/cluster-logic';
import { DEFAULT_ENGINE, connectionKey, engineChoice, rayTarget, withoutToken, workerCpus } from '@renderer/features/build/engine-form';
import { DEFAULT_FORM, requestFromForm } from '@renderer/features/build/form-logic';

const HEAD = 'a1b2c3d4'.repeat(7);
const WORKER = 'ffee0011'.repeat(7);
const DEAD = '00000000'.repeat(7);

const status: ClusterStatus = {
  address: 'http://127.0.0.1:8265',
  rayVersion: '2.60.0',
  nodes: [
    { id: HEAD, ip: '127.0.0.1', alive: true, head: true, cpus: 2, memoryBytes: 2 ** 30 },
    { id: WORKER, ip: '127.0.0.1', alive: true, head: false, cpus: 1, memoryBytes: 2 ** 30 },
    { id: DEAD, ip: '10.0.0.9', alive: false, head: false, cpus: 8, memoryBytes: 2 ** 32 },
  ],
  jobs: [],
};

const job = (submissionId: string, s: string, startTime: number | null, kind: string | null = null): ClusterJob => ({
  submissionId,
  status: s,
  entrypoint: 'python x.py',
  lanceIndexKind: kind,
  startTime,
  endTime: null,
});

/** A build folded from the events a Ray build emits, through the same reducer the window uses. */
function rayBuild(jobId: string, done: boolean): BuildState {
  let s = initialBuildState(jobId);
  let t = 0;
  const ev = (e: object) => (s = applyBuildEvent(s, { jobId, t: ++t, ...e } as never));
  ev({ type: 'engine', engine: { kind: 'ray', address: 'http://127.0.0.1:8265' } });
  ev({ type: 'batch-queued', batch: 0, worker: 0, fragmentIds: [0, 1], rows: 10 });
  ev({ type: 'batch-queued', batch: 1, worker: 1, fragmentIds: [2], rows: 5 });
  ev({ type: 'batch-queued', batch: 2, worker: 2, fragmentIds: [3], rows: 5 });
  ev({ type: 'engine', engine: { kind: 'ray', address: 'http://127.0.0.1:8265', submissionId: `raysubmit_${jobId}` } });
  ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1, node: { id: HEAD, ip: '127.0.0.1' } });
  ev({ type: 'batch-started', batch: 1, worker: 1, attempt: 1, node: { id: WORKER, ip: '127.0.0.1' } });
  ev({ type: 'batch-started', batch: 2, worker: 2, attempt: 1, node: { id: HEAD, ip: '127.0.0.1' } });
  if (done) {
    ev({
      type: 'result',
      result: {
        ok: true,
        jobId,
        uri: '/d.lance',
        batches: [],
        timingsMs: {},
        engine: { kind: 'ray', address: 'http://127.0.0.1:8265', submissionId: `raysubmit_${jobId}` },
      },
    });
  }
  return s;
}

describe('the engine choice in the Build form', () => {
  it('sends the engine with the request: local, or Ray with the trimmed address, the token only when given, and pip', () => {
    const target = { uri: '/d.lance', storageOptions: {} };
    expect(requestFromForm({ ...DEFAULT_FORM, column: 'id' }, target).request.engine).toEqual({ kind: 'local' });
    const ray = { kind: 'ray' as const, address: ' http://127.0.0.1:8265 ', token: 's3cret', pip: true };
    expect(requestFromForm({ ...DEFAULT_FORM, column: 'id', engine: ray }, target).request.engine).toEqual({
      kind: 'ray',
      address: 'http://127.0.0.1:8265',
      token: 's3cret',
      pip: true,
    });
    expect(engineChoice({ ...ray, token: '', pip: false })).toEqual({ kind: 'ray', address: 'http://127.0.0.1:8265', pip: false });
    // Address and token stay in the form when going back to this machine, but are not sent.
    expect(engineChoice({ ...ray, kind: 'local' })).toEqual({ kind: 'local' });
    // Validation reads this machine's view only: it never gets the token.
    expect(withoutToken(engineChoice(ray))).toEqual({ kind: 'ray', address: 'http://127.0.0.1:8265', pip: true });
    expect(withoutToken({ kind: 'local' })).toEqual({ kind: 'local' });
  });

  it('asks nothing of a cluster without an address; says so under the address field', () => {
    expect(rayTarget({ ...DEFAULT_ENGINE, kind: 'ray', address: '  ' })).toEqual({
      field: 'rayAddress',
      message: expect.stringContaining('http://127.0.0.1:8265'),
    });
    expect(rayTarget({ ...DEFAULT_ENGINE, kind: 'ray', address: 'http://h:8265', token: 't' })).toEqual({ address: 'http://h:8265', token: 't' });
    expect(rayTarget({ ...DEFAULT_ENGINE, kind: 'ray', address: 'http://h:8265' })).toEqual({ address: 'http://h:8265' });
  });

  it('ties a check to its address and token: another token is another connection', () => {
    const a = { ...DEFAULT_ENGINE, kind: 'ray' as const, address: 'http://h:8265', token: 'x' };
    expect(connectionKey(a)).toBe(connectionKey({ ...a, address: ' http://h:8265 ', pip: true }));
    expect(connectionKey(a)).not.toBe(connectionKey({ ...a, token: 'y' }));
    expect(connectionKey({ ...a, kind: 'local' })).toBeNull();
  });

  it("suggests workers for the cluster's alive CPUs once the chosen cluster answered, else this machine's", () => {
    const ray = { ...DEFAULT_ENGINE, kind: 'ray' as const, address: 'http://h:8265' };
    expect(workerCpus(ray, status, 2)).toEqual({ cpus: 3, where: 'cluster' });
    expect(workerCpus(ray, null, 2)).toEqual({ cpus: 2, where: 'here' });
    expect(workerCpus(DEFAULT_ENGINE, status, 2)).toEqual({ cpus: 2, where: 'here' });
  });
});

describe('what the window says about a cluster', () => {
  it('puts the connection check in one line, dead nodes counted apart', () => {
    expect(aliveCpus(status)).toBe(3);
    expect(clusterVerdict(status)).toBe('Ray 2.60.0 · 2 nodes alive · 3 CPUs · 1 dead');
    expect(clusterVerdict({ ...status, nodes: status.nodes.slice(0, 2) })).toBe('Ray 2.60.0 · 2 nodes alive · 3 CPUs');
    expect(clusterVerdict({ ...status, nodes: status.nodes.slice(1, 2) })).toBe('Ray 2.60.0 · 1 node alive · 1 CPU');
  });

  it('names nodes by ip and the start of their id', () => {
    expect(shortNodeId(HEAD)).toBe('a1b2c3d4');
    expect(nodeLabel({ id: HEAD, ip: '127.0.0.1' })).toBe('127.0.0.1 · a1b2c3d4');
    expect(nodeLabel({ id: HEAD, ip: '' })).toBe('a1b2c3d4');
  });

  it('lists running and pending jobs first, then the newest', () => {
    const jobs = [job('old', 'SUCCEEDED', 1), job('new', 'FAILED', 5), job('run', 'RUNNING', 2, 'build'), job('wait', 'PENDING', null)];
    expect(orderJobs(jobs).map((j) => j.submissionId)).toEqual(['run', 'wait', 'new', 'old']);
  });

  it('follows the running Ray build, else the newest Ray build; local builds are not its business', () => {
    const local = applyBuildEvent(initialBuildState('local'), { jobId: 'local', t: 1, type: 'engine', engine: { kind: 'local' } });
    const older = rayBuild('older', true);
    const running = rayBuild('running', false);
    expect(rayBuildToShow({ local, older, running }, ['running', 'local', 'older'], 'running')?.jobId).toBe('running');
    expect(rayBuildToShow({ local, older }, ['local', 'older'], 'local')?.jobId).toBe('older');
    expect(rayBuildToShow({ local }, ['local'], 'local')).toBeNull();
  });

  it('maps each node to the batches it runs, and a build to its Ray job', () => {
    const s = rayBuild('b', true);
    expect(batchesByNode(s)).toEqual(
      new Map([
        [HEAD, [0, 2]],
        [WORKER, [1]],
      ]),
    );
    expect(batchesByNode(null).size).toBe(0);
    expect(submissionOf(s)).toBe('raysubmit_b');
    expect(submissionOf(initialBuildState('x'))).toBeUndefined();
  });
});
