/** One row per batch: worker, fragments, rows, state with its progress, elapsed, error. */
import type { BuildState } from '@shared/contract/build-state';
import { Count, Duration } from '../../components/num';
import { ProgressBar } from '../../components/progress-bar';
import { batchElapsed, batchFraction } from './overall';
import { useNow } from './use-now';

export function BatchTable({ state, wallT0 }: { state: BuildState; wallT0: number }) {
  const now = useNow(state.status === 'running');
  if (state.batches.length === 0) {
    return <div className="muted small batch-empty">{state.status === 'running' ? 'Batches appear once the plan is made…' : 'No batch ran.'}</div>;
  }
  return (
    <table className="grid batch-table" data-testid="batch-table">
      <thead>
        <tr>
          <th className="r">batch</th><th>worker</th><th className="r">frags</th><th className="r">rows</th>
          <th className="state-col">state</th><th>stage</th><th className="r">elapsed</th><th>error</th>
        </tr>
      </thead>
      <tbody>
        {state.batches.map((b) => {
          const f = batchFraction(b);
          return (
            <tr key={b.batch} data-testid="batch-row" data-state={b.state}>
              <td className="r num">{b.batch}</td>
              <td>w{b.worker}{b.attempt > 1 ? <span className="muted"> · try {b.attempt}</span> : null}</td>
              <td className="r"><span className="num" title={b.fragmentIds.join(', ')}>{b.fragmentIds.length}</span></td>
              <td className="r"><Count value={b.rows} unit="rows" /></td>
              <td className="state-col">
                <div className="batch-state">
                  <ProgressBar fraction={b.state === 'running' && b.fraction === null ? null : f} tone={b.state} label={`batch ${b.batch}`} />
                  <span className={`state-word state-${b.state}`}>{b.state === 'running' && b.fraction !== null ? `${Math.round(f * 100)}%` : b.state}</span>
                </div>
              </td>
              <td className="muted">{b.stage ?? ''}</td>
              <td className="r">{b.startedAt === null && b.elapsedMs === null ? '' : <Duration ms={batchElapsed(b, wallT0, now, state.updatedAt)} />}</td>
              <td className="error-cell" title={b.error ?? ''}>{b.error ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
