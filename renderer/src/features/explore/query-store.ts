/** The query box: an SQL filter or a full-text search, and its last result (kept across tabs). */
import { create } from 'zustand';
import type { QueryResult } from '@shared/contract/api';
import type { DatasetDescription } from '@shared/contract/dataset';
import { api } from '../../api/bridge';
import { onDatasetOpened, useDataset } from '../dataset/dataset-store';

export type QueryMode = 'filter' | 'fullText';

interface QueryStore {
  mode: QueryMode;
  text: string;
  column: string;
  limit: number;
  running: boolean;
  result: QueryResult | null;
  error: string | null;
}

export const useQuery = create<QueryStore>(() => ({ mode: 'filter', text: '', column: '', limit: 100, running: false, result: null, error: null }));

onDatasetOpened((_d, _t, fresh) => {
  if (fresh) useQuery.setState({ result: null, error: null });
});

export async function runQuery(): Promise<void> {
  const target = useDataset.getState().target;
  const { mode, text, column, limit } = useQuery.getState();
  if (!target) return;
  if (!text.trim()) {
    useQuery.setState({ error: mode === 'filter' ? "Write a filter, e.g. category = 'books' AND rating > 4" : 'Write the words to search for.' });
    return;
  }
  useQuery.setState({ running: true, error: null });
  try {
    const result = await api.runQuery(
      mode === 'filter'
        ? { target, filter: text, limit }
        : { target, fullText: { query: text, column: column || undefined }, limit },
    );
    useQuery.setState({ result, running: false });
  } catch (err) {
    useQuery.setState({ error: (err as Error).message, running: false, result: null });
  }
}

/**
 * Which indices answered a query. Scalar plans name them ("ScalarIndexQuery: ...@category_idx");
 * full-text plans only say MatchQuery, so those are the full-text indices on the searched column.
 */
export function indexNamesInPlan(plan: string, d: DatasetDescription | null, fullText?: { column?: string }): string[] {
  if (!d) return [];
  const named = d.indices.map((i) => i.name).filter((n) => new RegExp(`@${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(plan));
  if (named.length || !fullText) return named;
  return d.indices
    .filter((i) => /inverted|fts/i.test(i.type) && (!fullText.column || i.fields.includes(fullText.column)))
    .map((i) => i.name);
}
