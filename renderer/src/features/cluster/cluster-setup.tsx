/** No Ray cluster chosen yet: what to point the app at, and what the cluster's Python needs. */
import { CopyText } from '../../components/copy-text';
import { useConnection } from '../../store/connection-store';
import { showView } from '../../store/ui-store';
import { setEngine } from '../build/build-store';
import { RAY_ADDRESS_EXAMPLE } from '../build/engine-form';

export function ClusterSetup() {
  // This machine's engine runs the same exact pins the cluster needs.
  const pylance = useConnection((s) => (s.engine?.ok ? s.engine.pylance : undefined));
  return (
    <section className="card cluster-setup" data-testid="cluster-setup">
      <h3>No Ray cluster chosen</h3>
      <p className="muted">
        Builds run on this machine’s workers. To run the same plan on a Ray cluster, pick <strong>Ray cluster</strong> under Engine in the Build form; this view
        then shows its nodes, its jobs, and which batch runs where.
      </p>
      <ol className="setup-steps">
        <li>
          <strong>Address</strong>: the head node’s dashboard, where Ray serves its Jobs API, e.g. <code>{RAY_ADDRESS_EXAMPLE}</code> (
          <code>ray start --head --dashboard-host 0.0.0.0</code> makes it reachable from other machines).
        </li>
        <li>
          <strong>Token</strong>: Ray 2.52 and later turn token auth on; <code>ray get-auth-token</code> on the head node prints it. The window keeps it in
          memory for this session only.
        </li>
        <li>
          <strong>The cluster’s Python</strong>, on every node: Ray and the engine’s exact pins, pylance {pylance ?? ''} and its dependencies (
          <code>engine/python/requirements.txt</code>):
          <div>
            <CopyText text={'pip install "ray[default]==2.60.0" -r engine/python/requirements.txt'} />
          </div>
          or tick <em>install the engine’s pylance on the cluster (pip)</em>, for clusters that reach a package index.
        </li>
        <li>
          <strong>The dataset</strong> must be readable from the cluster’s nodes at the same path or object-store uri; the build checks that first, with a
          one-task probe.
        </li>
      </ol>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setEngine({ kind: 'ray' });
          showView('build');
        }}
      >
        Choose a Ray cluster in the Build form
      </button>
    </section>
  );
}
