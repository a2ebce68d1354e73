/** The cluster's nodes: who they are, alive or not, head or worker, what they offer, what they run for the build. */
import type { ClusterNode } from '@shared/contract/cluster';
import { Bytes } from '../../components/num';
import { shortNodeId } from './cluster-logic';

export function NodesTable({ nodes, batches }: { nodes: readonly ClusterNode[]; batches: ReadonlyMap<string, number[]> }) {
  return (
    <table className="grid nodes-table" data-testid="cluster-nodes">
      <thead>
        <tr>
          <th>node</th>
          <th>ip</th>
          <th>state</th>
          <th>role</th>
          <th className="r">CPUs</th>
          <th className="r">memory</th>
          <th>batches of the build</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => {
          const mine = batches.get(n.id) ?? [];
          return (
            <tr key={n.id} data-testid="cluster-node-row" data-node-id={n.id} data-alive={n.alive}>
              <td>
                <code title={n.id}>{shortNodeId(n.id)}</code>
              </td>
              <td className="num">{n.ip}</td>
              <td>
                <span className={`status-pill ${n.alive ? 'status-succeeded' : 'status-failed'}`}>{n.alive ? 'alive' : 'dead'}</span>
              </td>
              <td>{n.head ? 'head' : 'worker'}</td>
              <td className="r num">{n.cpus}</td>
              <td className="r">
                <Bytes value={n.memoryBytes} />
              </td>
              <td>{mine.length ? mine.map((b) => `#${b}`).join(', ') : <span className="muted">–</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
