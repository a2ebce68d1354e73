/** The cluster store's answer for the connection the Build form points to now (none for another one). */
import { useBuild } from '../build/build-store';
import { lookFor, useCluster } from './cluster-store';

export function useClusterLook() {
  const engine = useBuild((s) => s.form.engine);
  const store = useCluster();
  return { engine, ...lookFor(store, engine) };
}
