import { describe, expect, it } from 'vitest';
import { EXTRA_WORKER_COST_S, MAX_ROUNDS, autoWorkers, estimateWorkS, predictedS } from '@shared/auto-workers';
import { INDEX_TYPE_INFO } from '@shared/index-types';

const even = (n: number, rows: number, bytes?: number) => Array.from({ length: n }, (_, id) => ({ id, rows, bytes }));

describe('the automatic worker count', () => {
  it('a small BTREE gets one worker: a second would cost more than it saves', () => {
    const a = autoWorkers('BTREE', even(16, 62_500), 8); // 1M rows, ~0.17 s of work
    expect(a.workers).toBe(1);
    expect(a.reason).toBe('1 worker for ~0.2 s of BTREE work: a second would cost more than it saves');
  });

  it('enough work gets one worker per CPU, never more', () => {
    const a = autoWorkers('FTS', even(16, 25_000, 5_500_000), 2); // ~16 s of work
    expect(a.workers).toBe(2);
    expect(a.reason).toMatch(/: one per CPU \(2\)$/);
    expect(autoWorkers('FTS', even(16, 25_000, 5_500_000), 64).workers).toBeLessThanOrEqual(16);
  });

  it('never more workers than fragments', () => {
    const a = autoWorkers('FTS', even(3, 1_000_000, 100_000_000), 8);
    expect(a.workers).toBe(3);
    expect(a.reason).toMatch(/: one per fragment$/);
  });

  it('adds a worker only while it shortens the slowest batch by more than it costs', () => {
    // Work W split over n: the step n -> n+1 saves W/n - W/(n+1) = W/(n(n+1)).
    const rowsPerS = INDEX_TYPE_INFO.BTREE.speed.rowsPerS;
    const workFor = (s: number) => even(100, (s * rowsPerS) / 100);
    expect(autoWorkers('BTREE', workFor(2 * EXTRA_WORKER_COST_S * 0.99), 64).workers).toBe(1);
    expect(autoWorkers('BTREE', workFor(2 * EXTRA_WORKER_COST_S * 1.01), 64).workers).toBe(2);
    expect(autoWorkers('BTREE', workFor(6 * EXTRA_WORKER_COST_S * 1.01), 64).workers).toBe(3);
  });

  it('one huge fragment caps the gain: splitting the rest does not beat it', () => {
    const skewed = [{ id: 0, rows: 60_000_000 }, ...even(10, 10_000).map((f) => ({ ...f, id: f.id + 1 }))];
    expect(autoWorkers('BTREE', skewed, 8).workers).toBe(1);
  });

  it('weighs text by its bytes when known, else by rows', () => {
    const { bytesPerS, rowsPerS } = INDEX_TYPE_INFO.FTS.speed;
    expect(estimateWorkS('FTS', [{ id: 0, rows: 10, bytes: bytesPerS! * 3 }]).total).toBeCloseTo(3);
    expect(estimateWorkS('FTS', [{ id: 0, rows: rowsPerS * 2, bytes: null }]).total).toBeCloseTo(2);
    const btree = INDEX_TYPE_INFO.BTREE.speed.rowsPerS;
    expect(estimateWorkS('BTREE', [{ id: 0, rows: btree, bytes: 1e12 }]).total).toBeCloseTo(1); // BTREE's pace is rows
  });

  it('FTS counts the merge of 2+ segments: 50K articles stay on one worker, 250K get two (the benchmark measured both)', () => {
    const articles = (rows: number) => even(16, rows / 16, (rows / 16) * 218); // ~30 words, 218 bytes each
    expect(autoWorkers('FTS', articles(50_000), 2).workers).toBe(1); // 1 worker 0.52 s, 2 workers 0.36 + a 0.23 s merge
    expect(autoWorkers('FTS', articles(250_000), 2).workers).toBe(2); // 1 worker 2.79 s, 2 workers 1.50 + a 0.52 s merge
  });

  it('the prediction never prefers a count it predicts slower', () => {
    const work = estimateWorkS('FTS', even(64, 100_000, 20_000_000));
    const chosen = autoWorkers('FTS', even(64, 100_000, 20_000_000), 32).workers;
    for (let n = 1; n <= 32; n++) expect(predictedS('FTS', work, chosen)).toBeLessThanOrEqual(predictedS('FTS', work, n));
  });

  it('a large BTREE runs in rounds of batches under its row cap, as many at a time as before', () => {
    const cap = INDEX_TYPE_INFO.BTREE.speed.maxBatchRows!;
    const a = autoWorkers('BTREE', even(40, 500_000), 2); // 20M rows: 2 workers of 10M -> 2 rounds of 5M
    expect(a.workers).toBe(4);
    expect(a.reason).toBe(
      `4 batches for ~3.3 s of BTREE work, 2 at a time, of about ${cap / 1_000_000}M rows or fewer each: larger BTREE batches build slower and hold more memory`,
    );
    expect(autoWorkers('BTREE', even(40, 250_000), 2).workers).toBe(2); // 10M rows: already 5M a batch
    expect(autoWorkers('BTREE', even(200, 1_000_000), 2).workers).toBe(2 * MAX_ROUNDS); // 200M rows: rounds stop at the limit
    expect(autoWorkers('BTREE', even(3, 10_000_000), 2).workers).toBe(2); // 3 fragments can't make 4 batches
  });

  it('rounds never split what can not be split, nor apply to types without a row cap', () => {
    // One 60M-row fragment is its own batch however many there are: no rounds beside it.
    const skewed = [{ id: 0, rows: 60_000_000 }, ...even(10, 10_000).map((f) => ({ ...f, id: f.id + 1 }))];
    expect(autoWorkers('BTREE', skewed, 8).workers).toBe(1);
    expect(INDEX_TYPE_INFO.FTS.speed.maxBatchRows).toBeUndefined();
    expect(autoWorkers('FTS', even(64, 1_000_000, 200_000_000), 2).workers).toBe(2);
  });
});
