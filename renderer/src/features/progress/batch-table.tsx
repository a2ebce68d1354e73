/**
 * One row per batch: worker (and Ray node), fragments, rows, state with its progress, stage,
 * how long it waited for a worker and how long it has run, its speed, and while it runs its
 * worker process's CPU and memory (the local engine samples them; Ray reports none per task).
 */
import type { BatchState, BuildState } from '@shared/contract/build-state';
import { formatBytes, formatCount } from '@shared/format';
import { workerName } from '@shared/balance-words';
import { Count, Duration } from '../../components/num';
import { NodeName } from '../cluster/node-name';
import { batchRunMs, rowsPerSecond } from './overall';
import { BatchStateCell } from './batch-state-cell';
import { useNow } from './use-now';

const NOT_ON_RAY = "Ray doesn't report a task's CPU or memory";

function Resources({ b, onRay }: { b: BatchState; onRay: boolean }) {
  if (onRay)
    return (
      <td className="r muted" title={NOT_ON_RAY}>
        n/a
      </td>
    );
  if (b.state !== 'running' || b.cpuPercent === null || b.rssBytes === null) return <td />;
  return (
    <td className="r num" data-testid="batch-resources" title={`worker process: ${b.cpuPercent.toFixed(0)}% of a CPU, ${formatBytes(b.rssBytes)} resident`}>
      {b.cpuPercent.toFixed(0)}% · {formatBytes(b.rssBytes)}
    </td>
  );
}

export function BatchTable({ state, wallT0 }: { state: BuildState; wallT0: number }) {
  const now = useNow(state.status === 'running') - wallT0;
  // On Ray the worker number is only the plan's slot; the node is where the batch really runs.
  const onRay = state.engine?.kind === 'ray' || state.batches.some((b) => b.node);
  if (state.batches.length === 0) {
    return <div className="muted small batch-empty">{state.status === 'running' ? 'Batches appear once the plan is made…' : 'No batch ran.'}</div>;
  }
  const end = state.status === 'running' ? now : state.updatedAt;
  return (
    <div className="batch-table-scroll">
      <table className="grid batch-table" data-testid="batch-table">
        <thead>
          <tr>
            <th className="r">batch</th>
            <th>worker</th>
            {onRay && <th>node</th>}
            <th className="r">frags</th>
            <th className="r">rows</th>
            <th className="state-col">state</th>
            <th className="stage-col">stage</th>
            <th className="r" title="time queued before a worker was free">
              waited
            </th>
            <th className="r">ran</th>
            <th className="r">rows/s</th>
            <th className="r" title="the worker process, while it runs">
              CPU · memory
            </th>
            <th>error</th>
          </tr>
        </thead>
        <tbody>
          {state.batches.map((b) => {
            const speed = rowsPerSecond(b, end);
            return (
              <tr key={b.batch} data-testid="batch-row" data-state={b.state}>
                <td className="r num">{b.batch}</td>
                {/* Until it starts, a batch has no worker of its own (the plan's number is only its slot). */}
                <td>
                  {b.attempt > 0 ? workerName(b.worker) : ''}
                  {b.attempt > 1 ? <span className="muted"> · try {b.attempt}</span> : null}
                </td>
                {onRay && (
                  <td data-testid="batch-node">
                    <NodeName node={b.node} />
                  </td>
                )}
                <td className="r">
                  <span className="num" title={b.fragmentIds.join(', ')}>
                    {b.fragmentIds.length}
                  </span>
                </td>
                <td className="r">
                  <Count value={b.rows} unit="rows" />
                </td>
                <BatchStateCell batch={b} />
                <td className="muted stage-col">{b.stage ?? ''}</td>
                <td className="r" data-testid="batch-waited">
                  {b.waitedMs === null ? '' : <Duration ms={b.waitedMs} />}
                </td>
                <td className="r" data-testid="batch-ran">
                  {b.startedAt === null ? '' : <Duration ms={batchRunMs(b, end)} />}
                </td>
                <td className="r num" data-testid="batch-speed">
                  {speed === null ? '' : formatCount(speed)}
                </td>
                <Resources b={b} onRay={onRay} />
                <td className="error-cell" title={b.error ?? ''}>
                  {b.error ?? ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
