/**
 * Looking after the open dataset's indices: drop, rename, and the orphan cleanup (index folders no
 * version references). Every change is a new version, so the dataset is read again after each.
 */
import { create } from 'zustand';
import type { ApiOutput } from '@shared/contract/api';
import { api } from '../../api/bridge';
import { onDatasetOpened, refreshDataset, useDataset } from '../dataset/dataset-store';

type OrphanReport = ApiOutput<'findOrphans'>;
type RemovalReport = ApiOutput<'removeOrphans'>;

interface IndexCareStore {
  /** What the last change did, in a sentence ("Dropped review_idx: version 3 → 4"). */
  lastChange: string | null;
  /** The index whose drop or rename is being sent. */
  busy: string | null;
  orphans: OrphanReport | null;
  removal: RemovalReport | null;
  cleaning: 'finding' | 'removing' | null;
  cleanupError: string | null;
}

const initial = { lastChange: null, busy: null, orphans: null, removal: null, cleaning: null, cleanupError: null };
export const useIndexCare = create<IndexCareStore>(() => initial);

/** Another dataset forgets what was done to the last one's indices; returns the unsubscribe. */
export function startIndexCareStore(): () => void {
  return onDatasetOpened((_d, _t, fresh) => {
    if (fresh) useIndexCare.setState(initial);
  });
}

function openTarget() {
  const { target, description } = useDataset.getState();
  if (!target || !description) throw new Error('No dataset is open.');
  return { target, version: description.version };
}

/** Drops the index; throws the core's error for the caller to show where it was asked. */
export async function dropIndex(name: string): Promise<void> {
  const { target, version } = openTarget();
  useIndexCare.setState({ busy: name });
  try {
    const r = await api.dropIndex({ target, name });
    useIndexCare.setState({ lastChange: `Dropped ${name}: version ${version} → ${r.version}. Its files stay while older versions use them.` });
    await refreshDataset();
  } finally {
    useIndexCare.setState({ busy: null });
  }
}

export async function renameIndex(name: string, newName: string): Promise<void> {
  const { target, version } = openTarget();
  useIndexCare.setState({ busy: name });
  try {
    const r = await api.renameIndex({ target, name, newName });
    useIndexCare.setState({ lastChange: `Renamed ${name} to ${newName}: version ${version} → ${r.version}.` });
    await refreshDataset();
  } finally {
    useIndexCare.setState({ busy: null });
  }
}

export async function findOrphans(): Promise<void> {
  const { target } = openTarget();
  useIndexCare.setState({ cleaning: 'finding', cleanupError: null, removal: null });
  try {
    useIndexCare.setState({ orphans: await api.findOrphans({ target }), cleaning: null });
  } catch (err) {
    useIndexCare.setState({ cleaning: null, cleanupError: (err as Error).message });
  }
}

/** Removes what the last search found; the engine keeps any a version references by now. */
export async function removeOrphans(): Promise<void> {
  const { target } = openTarget();
  const uuids = useIndexCare.getState().orphans?.orphans.map((o) => o.uuid) ?? [];
  useIndexCare.setState({ cleaning: 'removing', cleanupError: null });
  try {
    const removal = await api.removeOrphans({ target, uuids });
    useIndexCare.setState({ removal, orphans: null, cleaning: null });
    await refreshDataset();
  } catch (err) {
    useIndexCare.setState({ cleaning: null, cleanupError: (err as Error).message });
  }
}
