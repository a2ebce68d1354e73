/**
 * An older version of the open dataset, shown read-only in Explore. The latest stays the open
 * dataset (sidebar, Build, the core's cache): only what Explore shows is the older one, and
 * nothing that writes (Build, drop, rename, cleanup) is offered while it is.
 */
import { create } from 'zustand';
import type { DatasetDescription } from '@shared/contract/dataset';
import { api } from '../../api/bridge';
import { onDatasetOpened, useDataset } from '../dataset/dataset-store';

interface OlderVersionStore {
  /** The older version being looked at; null = the latest. */
  description: DatasetDescription | null;
  /** The version being read, until it arrives. */
  loading: number | null;
  error: string | null;
}

export const useOlderVersion = create<OlderVersionStore>(() => ({ description: null, loading: null, error: null }));

/** Another dataset (or this one re-read after a build) brings the window back to its latest; returns the unsubscribe. */
export function startOlderVersionStore(): () => void {
  return onDatasetOpened((_d, _t, fresh) => {
    if (fresh) backToLatest();
  });
}

let seq = 0;

export async function openOlderVersion(version: number): Promise<void> {
  const { target, description } = useDataset.getState();
  if (!target) return;
  if (version === description?.latestVersion) return backToLatest();
  const mine = ++seq;
  useOlderVersion.setState({ loading: version, error: null });
  try {
    const older = await api.describeDataset({ target, withVersions: true, version });
    if (mine === seq) useOlderVersion.setState({ description: older, loading: null });
  } catch (err) {
    if (mine === seq) useOlderVersion.setState({ loading: null, error: `Version ${version} could not be read: ${(err as Error).message}` });
  }
}

export function backToLatest(): void {
  seq++;
  useOlderVersion.setState({ description: null, loading: null, error: null });
}

/** The version shown read-only, or undefined when the window shows the latest. */
export function readOnlyVersion(): number | undefined {
  return useOlderVersion.getState().description?.version;
}
