/**
 * The Cluster screen: the Ray cluster the Build form points to (nodes, jobs), and for the running
 * or last Ray build, which batch runs on which node. Asked again every few seconds while open.
 */
import { showView } from '../../store/ui-store';
import { useProgress } from '../progress/progress-store';
import { BuildNodes } from './build-nodes';
import { batchesByNode, clusterVerdict, rayBuildToShow, submissionOf } from './cluster-logic';
import { ClusterSetup } from './cluster-setup';
import { JobsTable } from './jobs-table';
import { NodesTable } from './nodes-table';
import { useClusterLook } from './use-cluster-look';
import { CLUSTER_POLL_MS, useClusterPolling } from './use-cluster-polling';

export function ClusterView() {
  useClusterPolling();
  const { engine, status, error, checking, updatedAt } = useClusterLook();
  const build = useProgress((s) => rayBuildToShow(s.jobs, s.order, s.activeJobId));
  const configured = engine.kind === 'ray' && !!engine.address.trim();
  return (
    <div className="cluster-view">
      {!configured ? (
        <ClusterSetup />
      ) : (
        <section className="card" data-testid="cluster-status">
          <header className="card-head">
            <h3>
              Cluster <code>{status?.address ?? engine.address.trim()}</code>
            </h3>
            <span className="muted small" data-testid="cluster-verdict" aria-live="polite">
              {status ? clusterVerdict(status) : checking ? 'asking the cluster…' : ''}
            </span>
            <span className="spacer" />
            <span className="muted small">
              {updatedAt ? `updated ${new Date(updatedAt).toLocaleTimeString()} · every ${CLUSTER_POLL_MS / 1000} s while this view is open` : ''}
            </span>
          </header>
          {error && (
            <div className="form-error" role="alert" data-testid="cluster-error">
              {error.message}{' '}
              <button type="button" className="link" onClick={() => showView('build')}>
                Fix it in the Build form
              </button>
            </div>
          )}
          {status && (
            <>
              <h4>Nodes</h4>
              <NodesTable nodes={status.nodes} batches={batchesByNode(build)} />
              <h4>Jobs</h4>
              <JobsTable jobs={status.jobs} buildJob={build ? submissionOf(build) : undefined} />
            </>
          )}
        </section>
      )}
      {build ? (
        <BuildNodes state={build} nodes={status?.nodes ?? null} />
      ) : (
        configured && (
          <div className="muted small cluster-no-build">No build has run on a Ray cluster this session; batches and their nodes appear here once one does.</div>
        )
      )}
    </div>
  );
}
