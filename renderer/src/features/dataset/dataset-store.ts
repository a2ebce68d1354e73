/** The open dataset: where it is, what it holds, and the recent list. */
import { create } from 'zustand';
import type { RecentDataset } from '@shared/contract/api';
import type { ApiCallError } from '@shared/contract/bridge';
import type { DatasetDescription, DatasetTarget } from '@shared/contract/dataset';
import { forgottenKeys } from '@shared/remembered-target';
import { api } from '../../api/bridge';
import { showOpenPanel } from '../../store/ui-store';

export type DatasetStatus = 'none' | 'loading' | 'ready' | 'error';

interface DatasetStore {
  target: DatasetTarget | null;
  description: DatasetDescription | null;
  status: DatasetStatus;
  /** Why the last open failed, and which field of the Open form it concerns. */
  error: { message: string; field: string; target: DatasetTarget } | null;
  recent: RecentDataset[];
  /** Bumped on every successful (re)load, so views can reload their own data (rows, queries). */
  generation: number;
}

export const useDataset = create<DatasetStore>(() => ({
  target: null,
  description: null,
  status: 'none',
  error: null,
  recent: [],
  generation: 0,
}));

const listeners = new Set<(d: DatasetDescription, target: DatasetTarget, fresh: boolean) => void>();
/** Other features react to a newly opened dataset (the build form resets its column, ...). */
export function onDatasetOpened(l: (d: DatasetDescription, target: DatasetTarget, fresh: boolean) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let seq = 0;

/**
 * Opens (or re-reads) a dataset; returns false and records the error by its field when it can't.
 * The open dataset (its target, description, the sidebar and Refresh) stays as it is until the
 * new one has been read: a failed open changes nothing that was open.
 */
export async function openDataset(target: DatasetTarget, opts: { refresh?: boolean } = {}): Promise<boolean> {
  const mine = ++seq;
  const prev = useDataset.getState();
  useDataset.setState({ status: opts.refresh && prev.description ? 'ready' : 'loading', error: null });
  try {
    const description = await api.describeDataset({ target, withVersions: true });
    if (mine !== seq) return false; // a newer open won
    useDataset.setState((s) => ({ target, description, status: 'ready', error: null, generation: s.generation + 1 }));
    for (const l of listeners) l(description, target, !opts.refresh);
    void loadRecent();
    return true;
  } catch (err) {
    if (mine !== seq) return false;
    const e = err as ApiCallError;
    const field = e.field && e.field !== 'target' ? e.field : 'target';
    useDataset.setState({ status: prev.description ? 'ready' : 'error', error: { message: e.message, field, target } });
    return false;
  }
}

/**
 * Reopens a recent dataset. Its secrets were not saved, so when it had any the Open form comes
 * up filled in, asking for their values under the storage options.
 */
export function openRecent(r: RecentDataset): void {
  const missing = forgottenKeys(r.target);
  if (missing.length === 0) {
    void openDataset(r.target);
    return;
  }
  const message = `The values of ${missing.join(', ')} were not saved; type them again, or remove their lines to let Lance read them from the environment.`;
  useDataset.setState({ error: { message, field: 'storageOptions', target: r.target } });
  showOpenPanel(true);
}

export function refreshDataset(): Promise<boolean> {
  const t = useDataset.getState().target;
  return t ? openDataset(t, { refresh: true }) : Promise.resolve(false);
}

export async function loadRecent(): Promise<void> {
  try {
    useDataset.setState({ recent: await api.recentDatasets({}) });
  } catch {
    // The recent list is a convenience; the app works without it.
  }
}

export function clearOpenError(): void {
  useDataset.setState({ error: null });
}
