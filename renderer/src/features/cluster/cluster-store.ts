/**
 * The last look at the Ray cluster the Build form points to: the connection check's answer, the
 * Cluster view's nodes and jobs. Kept with the connection it answered for, so an edited address
 * or token never shows an old verdict.
 */
import { create } from 'zustand';
import type { FieldError } from '@shared/contract/api';
import type { ApiCallError } from '@shared/contract/bridge';
import type { ClusterStatus } from '@shared/contract/cluster';
import { api } from '../../api/bridge';
import { connectionKey, rayTarget, type EngineForm } from '../build/engine-form';

interface ClusterStore {
  /** The connection the fields below are about (connectionKey). */
  key: string | null;
  status: ClusterStatus | null;
  /** Why the last look failed, with the form field it concerns ('rayAddress' or 'rayToken'). */
  error: FieldError | null;
  checking: boolean;
  /** Wall-clock ms of the last answer, for "updated …" in the Cluster view. */
  updatedAt: number | null;
}

export const useCluster = create<ClusterStore>(() => ({ key: null, status: null, error: null, checking: false, updatedAt: null }));

let seq = 0;

/** Asks the cluster (version, nodes, jobs); true when it answered. Only the newest ask is kept. */
export async function checkConnection(engine: EngineForm): Promise<boolean> {
  const key = connectionKey(engine);
  const target = rayTarget(engine);
  const mine = ++seq;
  if ('field' in target) {
    useCluster.setState({ key, status: null, error: target, checking: false, updatedAt: null });
    return false;
  }
  useCluster.setState((s) => (s.key === key ? { checking: true } : { key, status: null, error: null, checking: true, updatedAt: null }));
  try {
    const status = await api.clusterStatus(target);
    if (mine === seq) useCluster.setState({ key, status, error: null, checking: false, updatedAt: Date.now() });
    return true;
  } catch (err) {
    const e = err as ApiCallError;
    // A failure that names no field is still about reaching the cluster at that address.
    if (mine === seq)
      useCluster.setState({ key, status: null, error: { field: e.field ?? 'rayAddress', message: e.message }, checking: false, updatedAt: Date.now() });
    return false;
  }
}

/** A poll: skipped while another look is on its way, so a slow dashboard never piles requests up. */
export function refreshCluster(engine: EngineForm): void {
  if (useCluster.getState().checking && useCluster.getState().key === connectionKey(engine)) return;
  void checkConnection(engine);
}

/** The store's answer when it is about this connection, else nothing (never another address's verdict). */
export function lookFor(
  s: ClusterStore,
  engine: EngineForm,
): { status: ClusterStatus | null; error: FieldError | null; checking: boolean; updatedAt: number | null } {
  const mine = s.key !== null && s.key === connectionKey(engine);
  return mine
    ? { status: s.status, error: s.error, checking: s.checking, updatedAt: s.updatedAt }
    : { status: null, error: null, checking: false, updatedAt: null };
}
