/**
 * While the Cluster view is open, ask the cluster again every few seconds: nodes come and go and
 * jobs finish on their own. Nothing is asked while the view is closed.
 */
import { useEffect } from 'react';
import { useBuild } from '../build/build-store';
import { connectionKey } from '../build/engine-form';
import { refreshCluster } from './cluster-store';

export const CLUSTER_POLL_MS = 3000;

export function useClusterPolling(): void {
  const key = useBuild((s) => (s.form.engine.address.trim() ? connectionKey(s.form.engine) : null));
  useEffect(() => {
    if (!key) return;
    // The engine is read when each poll fires, so a poll never asks with a token edited away since.
    const poll = () => refreshCluster(useBuild.getState().form.engine);
    poll();
    const timer = setInterval(poll, CLUSTER_POLL_MS);
    return () => clearInterval(timer);
  }, [key]);
}
