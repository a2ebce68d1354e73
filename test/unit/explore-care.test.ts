/** The pure parts of issue 10's Explore additions: query history and limit, log-scale bins, column statistics' lines, new index names. */
import { describe, expect, it } from 'vitest';
import { parseLimit, rememberQuery, type QueryRun } from '@renderer/features/explore/query-history';
import { sizeHistogram } from '@renderer/features/explore/fragment-histogram';
import { statsFacts, suggestionLine } from '@renderer/features/explore/column-stats-facts';
import { newNameProblem } from '@renderer/features/explore/index-name-check';
import type { ColumnStats } from '@shared/contract/manage';

const q = (text: string, limit = 100): QueryRun => ({ mode: 'filter', text, column: '', limit, version: 3, rows: 1, total: 1, elapsedMs: 1, usedIndex: false });

describe('query history', () => {
  it('newest first, each query once (same text, kind, column and limit), at most the given size', () => {
    let h: QueryRun[] = [];
    for (const t of ['a', 'b', 'a', 'c']) h = rememberQuery(h, q(t));
    expect(h.map((r) => r.text)).toEqual(['c', 'a', 'b']);
    h = rememberQuery(h, q('a', 5)); // another limit is another query
    expect(h.map((r) => `${r.text}:${r.limit}`)).toEqual(['a:5', 'c:100', 'a:100', 'b:100']);
    expect(rememberQuery(h, q('d'), 2).map((r) => r.text)).toEqual(['d', 'a']);
  });

  it("the limit is a whole number within the contract's bounds", () => {
    expect(parseLimit(' 250 ')).toEqual({ limit: 250 });
    expect(parseLimit('10000')).toEqual({ limit: 10_000 });
    for (const bad of ['', '0', '-3', '2.5', '10001', 'ten']) expect(parseLimit(bad)).toEqual({ problem: 'The limit is a whole number from 1 to 10,000.' });
  });
});

describe('fragment histogram on a log scale', () => {
  const frags = (rows: number[]) => rows.map((r, id) => ({ id, rows: r, physicalRows: r, deletedRows: 0, bytes: null }));

  it('bins widen geometrically, so many small fragments and one huge one fall in separate bins', () => {
    const sizes = [10, 12, 15, 100, 1000, 1_000_000];
    const linear = sizeHistogram(frags(sizes), 6, 'linear');
    expect(linear[0]!.count).toBe(5); // everything but the huge one in the first bin
    const log = sizeHistogram(frags(sizes), 6, 'log');
    expect(log.reduce((n, b) => n + b.count, 0)).toBe(sizes.length);
    expect(log.filter((b) => b.count > 0).length).toBeGreaterThanOrEqual(4);
    expect(log[0]!.from).toBe(10);
    expect(log.at(-1)!.to).toBe(1_000_000);
    for (let i = 1; i < log.length; i++) expect(log[i]!.to - log[i]!.from).toBeGreaterThanOrEqual(log[i - 1]!.to - log[i - 1]!.from);
  });

  it('empty fragments and equal sizes still make bins', () => {
    expect(sizeHistogram(frags([0, 0, 5]), 3, 'log').map((b) => b.count)).toEqual([2, 0, 1]);
    expect(sizeHistogram(frags([7, 7]), 3, 'log').map((b) => [b.from, b.count])).toEqual([[7, 2]]);
  });
});

describe('column statistics', () => {
  const stats = (s: Partial<ColumnStats>): ColumnStats => ({
    column: 'c',
    rowsRead: 2000,
    totalRows: 2000,
    sampled: false,
    nulls: 0,
    distinct: null,
    min: null,
    max: null,
    avgLength: null,
    avgWords: null,
    listItemsDistinct: null,
    ...s,
  });

  it('exact counts in full, null share, range, text length', () => {
    expect(statsFacts(stats({ nulls: 50, distinct: 1500, min: 1, max: 2500 }))).toEqual([
      { label: 'rows read', value: 'all 2,000' },
      { label: 'nulls', value: '50 (2.5%)' },
      { label: 'distinct values', value: '1,500' },
      { label: 'min', value: '1' },
      { label: 'max', value: '2,500' },
    ]);
    expect(statsFacts(stats({ sampled: true, rowsRead: 100_000, totalRows: 3_100_000, avgLength: 41.2, avgWords: 7.5 }))).toEqual([
      { label: 'rows read', value: 'the first 100,000 of 3,100,000' },
      { label: 'nulls', value: '0 (0.0%)' },
      { label: 'average length', value: '41.2 characters, 7.5 words' },
    ]);
  });

  it("the suggestion is the shared rule's, in a line", () => {
    const str = { kind: 'string' as const, arrow: 'string' };
    expect(suggestionLine(str, stats({ distinct: 6, avgWords: 1 }))).toMatch(/^Suggested index: BITMAP \(few distinct values \(6\)/);
    expect(suggestionLine(str, stats({ distinct: 1900, avgWords: 12 }))).toMatch(/^Suggested index: FTS/);
    expect(suggestionLine({ kind: 'struct', arrow: 'struct<a: int32>' }, stats({}))).toBe('No index type this app builds suits this column.');
  });
});

describe('a new index name', () => {
  it("is checked with the core's rule, and against its own and the other indices' names", () => {
    const taken = ['a_idx', 'b_idx'];
    expect(newNameProblem('a_idx', 'fresh name', taken)).toBeUndefined();
    expect(newNameProblem('a_idx', 'x/y', taken)).toBe('Use a non-empty name without slashes or leading spaces.');
    expect(newNameProblem('a_idx', '', taken)).toBe('Use a non-empty name without slashes or leading spaces.');
    expect(newNameProblem('a_idx', 'a_idx', taken)).toBe('That is its name already.');
    expect(newNameProblem('a_idx', 'b_idx', taken)).toBe('An index named b_idx exists already.');
  });
});
