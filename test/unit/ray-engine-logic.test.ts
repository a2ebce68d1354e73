/** The Ray engine's pure parts: addresses, event lines, packages, failure explanations, same-dataset. */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { parseDashboardAddress } from '@engine/ray/ray-client.js';
import { parseEventLine } from '@engine/ray/ray-job.js';
import { packageOf, specPackage } from '@engine/ray/job-packages.js';
import { explainJobFailure } from '@engine/ray/job-failure.js';
import { sameDataset } from '@engine/ray/ray-engine.js';
import { RAY_PROTOCOL } from '@engine/ray/ray-protocol.js';
import { pinnedPylance } from '@engine/pins.js';
import type { JobInfo } from '@engine/ray/ray-client.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';

describe('parseDashboardAddress', () => {
  it('takes http(s)://host:port, adding http:// when missing', () => {
    expect(parseDashboardAddress('127.0.0.1:8265').origin).toBe('http://127.0.0.1:8265');
    expect(parseDashboardAddress(' https://ray.example:443 ').origin).toBe('https://ray.example');
  });
  it.each([
    ['ray://head:10001', /uses ray:/],
    ['http://head:8265/api/jobs', /has a path or credentials/],
    ['http://user:pw@head:8265', /has a path or credentials/],
    ['http://', /is not a URL/],
  ])('refuses %s, naming it', (address, message) => {
    expect(() => parseDashboardAddress(address)).toThrow(message);
    expect(() => parseDashboardAddress(address)).toThrow(address);
  });
});

describe('parseEventLine', () => {
  const p = RAY_PROTOCOL.event_prefix;
  it('reads a marked line, wherever the marker starts', () => {
    expect(parseEventLine(`${p}{"type":"batch-done","batch":2}`)).toEqual({ type: 'batch-done', batch: 2 });
    expect(parseEventLine(`(pid=12) ${p}{"type":"job"}`)).toEqual({ type: 'job' });
  });
  it('ignores other lines and broken or typeless events', () => {
    expect(parseEventLine('INFO job_manager.py:581 -- Runtime env is setting up.')).toBeUndefined();
    expect(parseEventLine(`${p}{"type":`)).toBeUndefined();
    expect(parseEventLine(`${p}{"batch":1}`)).toBeUndefined();
    expect(parseEventLine(`${p}[1,2]`)).toBeUndefined();
  });
});

describe('job packages', () => {
  it('the same files make the same bytes and name, whatever order they come in', () => {
    const a = packageOf({ 'b.py': Buffer.from('2'), 'a.py': Buffer.from('1') });
    const b = packageOf({ 'a.py': Buffer.from('1'), 'b.py': Buffer.from('2') });
    expect(a.name).toBe(b.name);
    expect(a.name).toMatch(/^_ray_pkg_[0-9a-f]{32}\.zip$/);
    expect(a.uri).toBe(`gcs://${a.name}`);
    expect(packageOf({ 'a.py': Buffer.from('changed'), 'b.py': Buffer.from('2') }).name).not.toBe(a.name);
  });
  it('a spec package holds the spec as the one file the job looks for', () => {
    const files = unzipSync(specPackage({ kind: 'call', method: 'describe' }).bytes);
    expect(Object.keys(files)).toEqual([RAY_PROTOCOL.spec_file]);
    expect(JSON.parse(Buffer.from(files[RAY_PROTOCOL.spec_file]).toString())).toEqual({ kind: 'call', method: 'describe' });
  });
});

describe('explainJobFailure', () => {
  const info = (over: Partial<JobInfo> = {}): JobInfo => ({
    submission_id: 'lance-index-call-x',
    job_id: null,
    status: 'FAILED',
    message: null,
    error_type: 'JOB_ENTRYPOINT_COMMAND_ERROR',
    driver_exit_code: 1,
    entrypoint: 'python -m lance_engine.ray_job',
    start_time: null,
    end_time: null,
    metadata: null,
    ...over,
  });
  it('no pylance on the cluster: says to install the pin or use --ray-pip', () => {
    const e = explainJobFailure(info(), ["ModuleNotFoundError: No module named 'lance'"]);
    expect(e.message).toContain(`has no pylance. Install it on every node (pip install 'pylance==${pinnedPylance()}'), or pass --ray-pip`);
  });
  it("no Ray in the job's python: says which python runs the entrypoint", () => {
    expect(explainJobFailure(info(), ["ModuleNotFoundError: No module named 'ray'"]).message).toMatch(/has no Ray/);
  });
  it("a runtime environment that could not be set up: Ray's own reason", () => {
    const e = explainJobFailure(
      info({ error_type: 'RUNTIME_ENV_SETUP_FAILED', message: 'pip install failed:\nNo matching distribution for pylance==10.0.0' }),
      [],
    );
    expect(e.message).toMatch(/could not set up the job's environment: pip install failed:\nNo matching distribution/);
  });
  it('anything else: the last lines of the log', () => {
    const e = explainJobFailure(info(), ['line 1', 'Traceback (most recent call last):', 'ValueError: boom']);
    expect(e.message).toMatch(/failed \(JOB_ENTRYPOINT_COMMAND_ERROR\): .*ValueError: boom/s);
  });
});

describe('sameDataset', () => {
  const ds = (version: number, frags: Array<[number, number, number]>) =>
    ({
      version,
      fragments: frags.map(([id, physicalRows, deletedRows]) => ({ id, physicalRows, deletedRows, rows: physicalRows - deletedRows, bytes: 0 })),
    }) as unknown as DatasetDescription;
  it('same version, fragments and rows: the same dataset', () => {
    expect(
      sameDataset(
        ds(3, [
          [0, 10, 0],
          [1, 5, 1],
        ]),
        ds(3, [
          [0, 10, 0],
          [1, 5, 1],
        ]),
      ),
    ).toBe(true);
  });
  it.each([
    [
      'another version',
      ds(4, [
        [0, 10, 0],
        [1, 5, 1],
      ]),
    ],
    [
      'another fragment',
      ds(3, [
        [0, 10, 0],
        [2, 5, 1],
      ]),
    ],
    [
      'other rows',
      ds(3, [
        [0, 10, 0],
        [1, 6, 1],
      ]),
    ],
    [
      'other deletions',
      ds(3, [
        [0, 10, 0],
        [1, 5, 0],
      ]),
    ],
    ['fewer fragments', ds(3, [[0, 10, 0]])],
  ])('%s: not the same', (_label, other) => {
    expect(
      sameDataset(
        ds(3, [
          [0, 10, 0],
          [1, 5, 1],
        ]),
        other,
      ),
    ).toBe(false);
  });
});
