/** The progress a build shows and the balance bars, as pure logic: one number, never backwards. */
import { describe, expect, it } from 'vitest';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state';
import type { Plan } from '@shared/contract/build';
import { progressFraction } from '@engine/batch-progress';
import { balanceInWords, concurrencyInWords } from '@shared/balance-words';
import { axisTicks, balanceRows } from '@renderer/features/build/balance-rows';
import { CONFIRM_CANCEL_AFTER_MS, buildTimeLeftMs, cancellable, needsConfirmation, rowsPerSecond } from '@renderer/features/progress/overall';

type Ev = Parameters<typeof applyBuildEvent>[1];
/** A build's state folded from events, the way the core and the window fold them. */
function folder() {
  let s: BuildState = initialBuildState('j');
  const ev = (e: object, t = 1) => (s = applyBuildEvent(s, { jobId: 'j', t, ...e } as Ev));
  return { ev, state: () => s };
}

const plan = (rows: number[]): Plan => {
  const total = rows.reduce((a, b) => a + b, 0);
  return {
    workers: rows.map((r, worker) => ({ worker, fragmentIds: [worker], rows: r, share: (r / total) * 100 })),
    requestedWorkers: rows.length,
    totalRows: total,
    idealRows: total / rows.length,
    makespanRatio: Math.max(...rows) / (total / rows.length),
    balancedBy: 'rows',
    warnings: [],
  };
};

describe("a batch's fraction", () => {
  it("moves forward through INVERTED's stages, each counting from 0 again", () => {
    const seen = [
      progressFraction({ stage: 'load_data', completed: 0, total: null }, 1000),
      progressFraction({ stage: 'tokenize_docs', completed: 500, total: null }, 1000),
      progressFraction({ stage: 'tokenize_docs', completed: 1000, total: null }, 1000),
      progressFraction({ stage: 'copy_partitions', completed: 0, total: 1 }, 1000),
      progressFraction({ stage: 'copy_partitions', completed: 1, total: 1 }, 1000),
      progressFraction({ stage: 'write_metadata', completed: 0, total: 1 }, 1000),
      progressFraction({ stage: 'write_metadata', completed: 1, total: 1 }, 1000),
    ];
    expect(seen[0]).toBeNull(); // no measure: an indeterminate bar, not 0%
    const known = seen.slice(1) as number[];
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(known.at(-1)).toBe(1);
  });
});

describe("the build's one progress number", () => {
  it('never goes backwards: not on a new stage, a retry, a cancel; 1 only on success', () => {
    const { ev, state } = folder();
    const seen: number[] = [];
    const note = () => seen.push(state().progress);
    ev({ type: 'phase', phase: 'validate', state: 'done', elapsedMs: 1 });
    ev({ type: 'phase', phase: 'plan', state: 'done', elapsedMs: 1 });
    ev({ type: 'phase', phase: 'build', state: 'started' });
    ev({ type: 'batch-queued', batch: 0, worker: 0, fragmentIds: [0], rows: 100 });
    ev({ type: 'batch-queued', batch: 1, worker: 1, fragmentIds: [1], rows: 100 });
    note();
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 });
    ev({ type: 'batch-progress', batch: 0, worker: 0, stage: 'a', completed: 80, total: 100, fraction: 0.8 });
    note();
    ev({ type: 'batch-progress', batch: 0, worker: 0, stage: 'b', completed: 0, total: 1, fraction: 0.1 }); // a stage from 0
    note();
    expect(state().batches[0]!.fraction).toBe(0.8);
    ev({ type: 'batch-failed', batch: 0, worker: 0, attempt: 1, error: 'killed', willRetry: true });
    ev({ type: 'batch-started', batch: 0, worker: 1, attempt: 2 }); // the retry starts from nothing
    note();
    ev({ type: 'phase', phase: 'build', state: 'failed', elapsedMs: 5 });
    ev({ type: 'result', result: { ok: false, jobId: 'j', uri: '', batches: [], timingsMs: {}, error: { kind: 'cancelled', message: 'x' } } });
    note();
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[1]).toBeCloseTo(0.12 + 0.7 * 0.4);
    expect(state().progress).toBeLessThan(1);
  });

  it('a cancel marks the batches still queued or running as cancelled, and keeps what was done', () => {
    const { ev, state } = folder();
    for (const b of [0, 1, 2]) ev({ type: 'batch-queued', batch: b, worker: b, fragmentIds: [b], rows: 10 });
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 });
    ev({ type: 'batch-done', batch: 0, worker: 0, elapsedMs: 3, uuid: 'u' });
    ev({ type: 'batch-started', batch: 1, worker: 0, attempt: 1 });
    ev({ type: 'batch-progress', batch: 1, worker: 0, stage: 's', completed: 5, total: 10, fraction: 0.5 });
    ev({ type: 'result', result: { ok: false, jobId: 'j', uri: '', batches: [], timingsMs: {}, error: { kind: 'cancelled', message: 'x' } } }, 9);
    expect(state().batches.map((b) => [b.state, b.fraction])).toEqual([
      ['done', 1],
      ['cancelled', 0.5],
      ['cancelled', null],
    ]);
  });

  it("a batch's wait is from queued to its first start; a retry doesn't add to it", () => {
    const { ev, state } = folder();
    ev({ type: 'batch-queued', batch: 0, worker: 0, fragmentIds: [0], rows: 10 }, 100);
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 }, 350);
    ev({ type: 'batch-failed', batch: 0, worker: 0, attempt: 1, error: 'e', willRetry: true }, 400);
    ev({ type: 'batch-started', batch: 0, worker: 1, attempt: 2 }, 900);
    ev({ type: 'batch-resources', batch: 0, worker: 1, pid: 7, cpuPercent: 95, rssBytes: 2e8 }, 950);
    expect(state().batches[0]).toMatchObject({ waitedMs: 250, startedAt: 900, cpuPercent: 95, rssBytes: 2e8 });
    ev({ type: 'batch-done', batch: 0, worker: 1, elapsedMs: 800, uuid: 'u' }, 1000);
    expect(state().batches[0]).toMatchObject({ endedAt: 1000, cpuPercent: null, rssBytes: null }); // only while it runs
  });
});

describe('speed and time left', () => {
  it('rows per second of a running batch, and the build time left from the speed of those running', () => {
    const { ev, state } = folder();
    ev({ type: 'batch-queued', batch: 0, worker: 0, fragmentIds: [0], rows: 1000 }, 0);
    ev({ type: 'batch-queued', batch: 1, worker: 1, fragmentIds: [1], rows: 1000 }, 0);
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 }, 0);
    ev({ type: 'batch-progress', batch: 0, worker: 0, stage: 's', completed: 1, total: 4, fraction: 0.25 }, 1000);
    expect(rowsPerSecond(state().batches[0]!, 1000)).toBe(250);
    // 1,750 rows left at 250 rows/s (batch 1 waits; it runs at that speed once a worker is free).
    expect(buildTimeLeftMs(state(), 1000)).toBe(7000);
    ev({ type: 'batch-started', batch: 1, worker: 1, attempt: 1 }, 1000);
    // Batch 1 has said nothing yet: it is taken to run as fast as batch 0, so 1,750 rows at 2 × 250 rows/s.
    expect(buildTimeLeftMs(state(), 1000)).toBe(3500);
  });

  it('no estimate before any batch has a measure; a done batch is one', () => {
    const { ev, state } = folder();
    for (const b of [0, 1]) ev({ type: 'batch-queued', batch: b, worker: 0, fragmentIds: [b], rows: 1000 }, 0);
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 }, 0);
    expect(buildTimeLeftMs(state(), 500)).toBeNull(); // BTREE-like: no progress while it runs
    ev({ type: 'batch-progress', batch: 0, worker: 0, stage: 's', completed: 1, total: 100, fraction: 0.01 }, 500);
    expect(buildTimeLeftMs(state(), 500)).toBeNull(); // 1% says little about the end
    ev({ type: 'batch-done', batch: 0, worker: 0, elapsedMs: 1000, uuid: 'u' }, 1000);
    ev({ type: 'batch-started', batch: 1, worker: 0, attempt: 1 }, 1000);
    expect(buildTimeLeftMs(state(), 1000)).toBe(1000); // 1,000 rows at batch 0's 1,000 rows/s
  });
});

describe('balance bars', () => {
  it('queued is outline only and says so, a failed batch fills only as far as it got', () => {
    const { ev, state } = folder();
    for (const b of [0, 1, 2]) ev({ type: 'batch-queued', batch: b, worker: b, fragmentIds: [b], rows: 100 });
    ev({ type: 'batch-started', batch: 1, worker: 1, attempt: 1 });
    ev({ type: 'batch-progress', batch: 1, worker: 1, stage: 's', completed: 40, total: 100, fraction: 0.4 });
    ev({ type: 'batch-failed', batch: 1, worker: 1, attempt: 1, error: 'bad', willRetry: false });
    ev({ type: 'batch-started', batch: 2, worker: 2, attempt: 1 });
    const rows = balanceRows(plan([100, 100, 100]), state().batches);
    expect(rows.map((r) => [r.state, r.fill])).toEqual([
      ['queued', 0],
      ['failed', 0.4],
      ['running', 0],
    ]);
    expect(rows[0]!.label).toBe('100 rows · 1 frag · queued');
    expect(rows[1]!.label).toBe('100 rows · 1 frag · failed at 40%');
    expect(rows[2]!.label).toBe('100 rows · 1 frag · running'); // no measure yet: no made-up 0%
  });

  it('before a run, a bar is the planned share; its length is its rows over the largest', () => {
    const rows = balanceRows(plan([300, 100]));
    expect(rows.map((r) => [r.state, r.length])).toEqual([
      ['planned', 1],
      ['planned', 1 / 3],
    ]);
    expect(rows[1]!.label).toBe('100 rows · 1 frag · 25.0% of the rows');
  });

  it('round axis ticks', () => {
    expect(axisTicks(84_100)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(axisTicks(0)).toEqual([0]);
  });

  it('in plain words: an even share and how far the busiest worker is over it', () => {
    expect(balanceInWords(plan([110, 90]))).toBe('200 rows on 2 workers · an even share is 100 rows each · the busiest worker has 10.0% more than that');
    expect(balanceInWords(plan([100, 100]))).toBe('200 rows on 2 workers · an even share is 100 rows each · every worker has an even share');
    expect(concurrencyInWords(4, 2, '2 CPUs')).toBe('2 run at a time: 2 CPUs; the other 2 batches wait for a free worker');
    expect(concurrencyInWords(2, 2, '2 CPUs')).toBeUndefined();
  });

  it('more batches than run at once (BTREE in rounds): the bars are batches, each says the worker that runs it', () => {
    const { ev, state } = folder();
    for (const b of [0, 1, 2, 3]) ev({ type: 'batch-queued', batch: b, worker: b, fragmentIds: [b], rows: 100 });
    ev({ type: 'batch-started', batch: 0, worker: 0, attempt: 1 });
    ev({ type: 'batch-done', batch: 0, worker: 0, elapsedMs: 1000, uuid: 'u' });
    ev({ type: 'batch-started', batch: 2, worker: 0, attempt: 1 }); // batch 2 on the worker batch 0 freed
    const fourOnTwo = plan([110, 90, 100, 100]);
    const rows = balanceRows(fourOnTwo, state().batches, 2);
    expect(rows.map((r) => r.name)).toEqual(['batch 0', 'batch 1', 'batch 2', 'batch 3']);
    expect(rows[0]!.label).toBe('110 rows · 1 frag · done in 1.0 s · on w0');
    expect(rows[1]!.label).toBe('90 rows · 1 frag · queued'); // no worker until it starts
    expect(rows[2]!.label).toBe('100 rows · 1 frag · running · on w0');
    expect(balanceInWords(fourOnTwo, 2)).toBe('400 rows in 4 batches · an even share is 100 rows each · the busiest batch has 10.0% more than that');
    // As many run at once as there are batches: a worker each, named as before.
    expect(balanceRows(fourOnTwo, state().batches, 4).map((r) => [r.name, r.label.includes(' on w')])).toEqual([
      ['w0', false],
      ['w1', false],
      ['w2', false],
      ['w3', false],
    ]);
    expect(balanceInWords(fourOnTwo, 4)).toMatch(/^400 rows on 4 workers .* the busiest worker has/);
  });
});

describe('cancel', () => {
  it('asks for a confirmation only once a build has run a few seconds', () => {
    expect(needsConfirmation(CONFIRM_CANCEL_AFTER_MS - 1)).toBe(false);
    expect(needsConfirmation(CONFIRM_CANCEL_AFTER_MS)).toBe(true);
  });

  it('is offered only until the commit starts (the core ignores a cancel after that)', () => {
    const { ev, state } = folder();
    ev({ type: 'phase', phase: 'build', state: 'started' });
    expect(cancellable(state())).toBe(true);
    ev({ type: 'phase', phase: 'build', state: 'done', elapsedMs: 5 });
    ev({ type: 'phase', phase: 'commit', state: 'started' });
    expect(cancellable(state())).toBe(false);
  });
});
