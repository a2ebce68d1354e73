/**
 * The query box: an SQL filter, a full-text search or a vector search (the rows nearest to one
 * row's vector) with its limit, its last result (kept across
 * tabs), and the queries run this session (click one to run it again).
 */
import { create } from 'zustand';
import type { QueryResult } from '@shared/contract/api';
import type { DatasetDescription } from '@shared/contract/dataset';
import { api } from '../../api/bridge';
import { onDatasetOpened, useDataset } from '../dataset/dataset-store';
import { parseLimit, rememberQuery, type QueryAsked, type QueryRun } from './query-history';
import { useOlderVersion } from './older-version-store';

export type QueryMode = 'filter' | 'fullText' | 'nearest';

interface QueryStore {
  mode: QueryMode;
  text: string;
  column: string;
  /** The limit as typed; checked by parseLimit before a run (a vector search's k). */
  limitText: string;
  /** A vector search's partitions to probe and refine factor, as typed ('' = pylance's default). */
  nprobesText: string;
  refineText: string;
  /** Also time the query with scalar indices off, beside the indexed time. */
  compare: boolean;
  running: boolean;
  /** The query the result answers (the box may have changed since). */
  asked: QueryAsked | null;
  result: QueryResult | null;
  error: string | null;
  limitError: string | null;
  history: QueryRun[];
}

export const useQuery = create<QueryStore>(() => ({
  mode: 'filter',
  text: '',
  column: '',
  limitText: '100',
  nprobesText: '',
  refineText: '',
  compare: true,
  running: false,
  asked: null,
  result: null,
  error: null,
  limitError: null,
  history: [],
}));

/** Another dataset starts with no result and no history; returns the unsubscribe. */
export function startQueryStore(): () => void {
  return onDatasetOpened((_d, _t, fresh) => {
    if (fresh) useQuery.setState({ result: null, asked: null, error: null, history: [] });
  });
}

export async function runQuery(): Promise<void> {
  const target = useDataset.getState().target;
  const latest = useDataset.getState().description;
  const older = useOlderVersion.getState().description;
  const { mode, text, column, limitText, nprobesText, refineText, compare } = useQuery.getState();
  if (!target) return;
  const limit = parseLimit(limitText);
  if ('problem' in limit) {
    useQuery.setState({ limitError: limit.problem });
    return;
  }
  const nearest = mode === 'nearest' ? nearestFrom(text, column, nprobesText, refineText, latest) : undefined;
  if (nearest && 'problem' in nearest) {
    useQuery.setState({ error: nearest.problem });
    return;
  }
  if (!text.trim()) {
    useQuery.setState({ error: mode === 'filter' ? "Write a filter, e.g. category = 'books' AND rating > 4" : 'Write the words to search for.' });
    return;
  }
  const asked: QueryAsked = { mode, text, column, limit: limit.limit };
  useQuery.setState({ running: true, error: null, limitError: null });
  try {
    const result = await api.runQuery({
      target,
      ...(nearest ? { nearest } : mode === 'filter' ? { filter: text } : { fullText: { query: text, column: column || undefined } }),
      limit: limit.limit,
      version: older?.version,
      count: !nearest, // a vector search answers k rows by definition
      compareWithoutIndex: compare,
    });
    const run: QueryRun = {
      ...asked,
      version: older?.version ?? latest?.version ?? 0,
      rows: result.rows.length,
      total: result.total,
      elapsedMs: result.elapsedMs,
      usedIndex: result.usedIndex,
    };
    useQuery.setState((s) => ({ result, asked, running: false, history: rememberQuery(s.history, run) }));
  } catch (err) {
    useQuery.setState({ error: (err as Error).message, running: false, result: null, asked: null });
  }
}

/** A whole number from `min`, or undefined for an empty field (pylance's default). */
function optionalWhole(text: string, min: number): number | undefined | null {
  if (!text.trim()) return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= min ? n : null;
}

/** A vector search as typed: the row whose vector to search near, on which column; or why not. */
export function nearestFrom(
  rowText: string,
  column: string,
  nprobesText: string,
  refineText: string,
  d: DatasetDescription | null,
): { column: string; row: number; nprobes?: number; refineFactor?: number } | { problem: string } {
  const rows = d?.fragments.reduce((n, f) => n + (f.rows ?? 0), 0) ?? 0;
  const row = Number(rowText.trim());
  if (!column) return { problem: 'Choose the vector column to search.' };
  if (rowText.trim() === '' || !Number.isInteger(row) || row < 0 || (rows > 0 && row >= rows)) {
    return { problem: `Give the row whose vector to search near: a row number from 0 to ${Math.max(0, rows - 1).toLocaleString('en-US')}.` };
  }
  const nprobes = optionalWhole(nprobesText, 1);
  const refineFactor = optionalWhole(refineText, 1);
  if (nprobes === null) return { problem: 'Partitions to probe (nprobes) is a whole number from 1, or empty for the default.' };
  if (refineFactor === null) return { problem: 'The refine factor is a whole number from 1, or empty for none.' };
  return { column, row, nprobes, refineFactor };
}

/** Puts an earlier query back in the box and runs it again. */
export function rerunQuery(q: QueryAsked): Promise<void> {
  useQuery.setState({ mode: q.mode, text: q.text, column: q.column, limitText: String(q.limit), error: null, limitError: null });
  return runQuery();
}

/**
 * Which indices answered a query. Scalar plans name them ("ScalarIndexQuery: ...@category_idx");
 * full-text plans only say MatchQuery, so those are the full-text indices on the searched column.
 */
export function indexNamesInPlan(plan: string, d: DatasetDescription | null, fullText?: { column?: string }, vector?: { column: string }): string[] {
  if (!d) return [];
  // A vector search's plan names no index: the vector indices of the searched column answered it.
  if (vector) return d.indices.filter((i) => /^IVF_/i.test(i.type) && i.fields.includes(vector.column)).map((i) => i.name);
  const named = d.indices.map((i) => i.name).filter((n) => new RegExp(`@${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(plan));
  if (named.length || !fullText) return named;
  return d.indices.filter((i) => /inverted|fts/i.test(i.type) && (!fullText.column || i.fields.includes(fullText.column))).map((i) => i.name);
}
