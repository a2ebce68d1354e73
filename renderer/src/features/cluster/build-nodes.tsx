/**
 * Which batch of a Ray build runs on which node, with its state and attempt; the node's liveness
 * comes from the last look at the cluster (a batch retried elsewhere shows its newest node).
 */
import type { BuildState } from '@shared/contract/build-state';
import type { ClusterNode } from '@shared/contract/cluster';
import { Count } from '../../components/num';
import { BatchStateCell } from '../progress/batch-state-cell';
import { NodeName } from './node-name';
import { submissionOf } from './cluster-logic';

export function BuildNodes({ state, nodes }: { state: BuildState; nodes: readonly ClusterNode[] | null }) {
  const byId = new Map((nodes ?? []).map((n) => [n.id, n]));
  const job = submissionOf(state);
  const address = state.engine?.kind === 'ray' ? state.engine.address : undefined;
  return (
    <section className="card" data-testid="cluster-build" data-job={state.jobId}>
      <header className="card-head">
        <h3>{state.status === 'running' ? 'Build running on the cluster' : 'Last build on the cluster'}</h3>
        <span className="muted small">
          {state.indexName ? (
            <>
              <code>{state.indexName}</code> ·{' '}
            </>
          ) : null}
          {address}
          {job ? (
            <>
              {' '}
              · job <code>{job}</code>
            </>
          ) : (
            ' · not submitted yet'
          )}
        </span>
        <span className={`status-pill status-${state.status}`}>{state.status}</span>
      </header>
      {state.batches.length === 0 ? (
        <div className="muted small">{state.status === 'running' ? 'Batches appear once the plan is made…' : 'No batch ran.'}</div>
      ) : (
        <table className="grid build-nodes-table">
          <thead>
            <tr>
              <th className="r">batch</th>
              <th>node</th>
              <th>node state</th>
              <th>worker</th>
              <th className="r">try</th>
              <th className="state-col">state</th>
              <th className="r">frags</th>
              <th className="r">rows</th>
            </tr>
          </thead>
          <tbody>
            {state.batches.map((b) => {
              const known = b.node ? byId.get(b.node.id) : undefined;
              return (
                <tr key={b.batch} data-testid="cluster-batch-row" data-batch={b.batch} data-state={b.state} data-node-id={b.node?.id ?? ''}>
                  <td className="r num">{b.batch}</td>
                  <td>
                    <NodeName node={b.node} />
                  </td>
                  <td className="muted">
                    {!b.node
                      ? 'not placed yet'
                      : !known
                        ? nodes
                          ? 'not listed'
                          : ''
                        : `${known.alive ? 'alive' : 'dead'} · ${known.head ? 'head' : 'worker'}`}
                  </td>
                  <td>w{b.worker}</td>
                  <td className="r num">{b.attempt || ''}</td>
                  <BatchStateCell batch={b} />
                  <td className="r num">{b.fragmentIds.length}</td>
                  <td className="r">
                    <Count value={b.rows} unit="rows" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
