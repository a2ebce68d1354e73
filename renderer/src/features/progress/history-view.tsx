/** Every build of this session: when, dataset, column, type, workers, engine, duration, outcome; click for all of it. */
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Duration } from '../../components/num';
import { BatchTable } from './batch-table';
import { ResultCard } from './result-card';
import { useProgress } from './progress-store';

export function HistoryView() {
  const { jobs, meta, order } = useProgress();
  const [open, setOpen] = useState<string | null>(null);
  if (order.length === 0) {
    return (
      <EmptyState title="No builds yet this session" testId="history-empty">
        Builds you start appear here with their result, timings and errors.
      </EmptyState>
    );
  }
  const selected = open ? jobs[open] : undefined;
  return (
    <div className="history">
      <table className="grid history-table" data-testid="history-table">
        <thead>
          <tr>
            <th>when</th>
            <th>dataset</th>
            <th>column</th>
            <th>type</th>
            <th className="r">workers</th>
            <th>engine</th>
            <th className="r">duration</th>
            <th>outcome</th>
          </tr>
        </thead>
        <tbody>
          {order.map((id) => {
            const s = jobs[id];
            const m = meta[id];
            if (!s) return null;
            const r = s.result;
            return (
              <tr
                key={id}
                className={open === id ? 'selected clickable' : 'clickable'}
                onClick={() => setOpen(open === id ? null : id)}
                data-testid="history-row"
              >
                <td title={m ? new Date(m.wallT0).toISOString() : ''}>
                  {/* The row answers a click; this button is its way in from the keyboard (Tab, then Enter or Space). */}
                  <button
                    type="button"
                    className="link"
                    aria-expanded={open === id}
                    aria-controls={open === id ? 'history-detail' : undefined}
                    data-testid="history-open"
                    onClick={(e) => {
                      e.stopPropagation();
                      setOpen(open === id ? null : id);
                    }}
                  >
                    {m ? new Date(m.wallT0).toLocaleTimeString() : 'build'}
                  </button>
                </td>
                <td className="ellipsis" title={r?.uri ?? m?.datasetLabel}>
                  {(r?.uri ?? m?.datasetLabel ?? '').split('/').pop()}
                </td>
                <td>{r?.column ?? m?.column}</td>
                <td>{r?.indexType ?? m?.indexType}</td>
                <td className="r">{r?.plan?.workers.length ?? m?.workers ?? ''}</td>
                <td>{(r?.engine ?? s.engine)?.kind === 'ray' ? 'Ray' : 'this machine'}</td>
                <td className="r">{r ? <Duration ms={r.timingsMs.total} /> : '…'}</td>
                <td>
                  <span className={`status-pill status-${s.status}`}>{s.status}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && (
        <section className="card history-detail" id="history-detail" data-testid="history-detail">
          <ResultCard state={selected} />
          <h4>Batches</h4>
          <BatchTable state={selected} wallT0={meta[selected.jobId]?.wallT0 ?? 0} />
          {selected.logs.length > 0 && (
            <>
              <h4>Log</h4>
              <ul className="log-list">
                {selected.logs.map((l, i) => (
                  <li key={i} className={`log log-${l.level}`}>
                    {l.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
