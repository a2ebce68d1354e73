/** This session's queries, newest first: a click puts one back in the box and runs it again. */
import { formatDuration } from '@shared/format';
import type { QueryRun } from './query-history';
import { rerunQuery, useQuery } from './query-store';

function countWords(r: QueryRun): string {
  const rows =
    r.total !== undefined && r.total > r.rows ? `${r.rows.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')}` : r.rows.toLocaleString('en-US');
  return `${rows} rows · ${formatDuration(r.elapsedMs)} · ${r.usedIndex ? 'index' : 'scan'}`;
}

export function QueryHistoryList() {
  const history = useQuery((s) => s.history);
  const running = useQuery((s) => s.running);
  if (history.length === 0) return null;
  return (
    <section className="query-history" aria-labelledby="query-history-title">
      <h4 id="query-history-title">This session</h4>
      <ol data-testid="query-history">
        {history.map((h) => (
          <li key={`${h.mode}|${h.column}|${h.limit}|${h.text}`}>
            <button type="button" className="ghost small history-query" disabled={running} onClick={() => void rerunQuery(h)} title="Run it again">
              {h.mode === 'fullText' && <span className="badge">text{h.column ? ` · ${h.column}` : ''}</span>}
              {h.mode === 'nearest' && <span className="badge">nearest · {h.column}</span>}
              <code>{h.mode === 'nearest' ? `row ${h.text}` : h.text}</code>
              <span className="muted small">
                {countWords(h)} · limit {h.limit.toLocaleString('en-US')} · v{h.version}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
