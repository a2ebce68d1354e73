/** Query: rows, time, and whether an index answered it (read from the plan) or it was a full scan. */
import { flattenFields } from '@shared/contract/dataset';
import { Field } from '../../components/field';
import { Duration } from '../../components/num';
import { useDataset } from '../dataset/dataset-store';
import { indexNamesInPlan, runQuery, useQuery, type QueryMode } from './query-store';
import { RowsGrid } from './rows-grid';

export function QueryView() {
  const q = useQuery();
  const d = useDataset((s) => s.description);
  const strings = d ? flattenFields(d.schema).filter((f) => f.type.kind === 'string' || (f.type.kind === 'list' && f.type.item?.kind === 'string')) : [];
  const used = q.result ? indexNamesInPlan(q.result.plan, d, q.result.plan.includes('MatchQuery') ? { column: q.column || undefined } : undefined) : [];
  return (
    <div className="query-view">
      <form
        className="query-form"
        onSubmit={(e) => {
          e.preventDefault();
          void runQuery();
        }}
      >
        <select aria-label="query kind" value={q.mode} onChange={(e) => useQuery.setState({ mode: e.target.value as QueryMode, error: null })}>
          <option value="filter">SQL filter</option>
          <option value="fullText">Full-text search</option>
        </select>
        {q.mode === 'fullText' && (
          <select aria-label="column to search" value={q.column} onChange={(e) => useQuery.setState({ column: e.target.value })}>
            <option value="">all indexed text columns</option>
            {strings.map((f) => <option key={f.path} value={f.path}>{f.path}</option>)}
          </select>
        )}
        <Field label="" name="query" error={q.error ?? undefined} wide>
          <input
            name="query"
            value={q.text}
            spellCheck={false}
            placeholder={q.mode === 'filter' ? "category = 'books' AND rating > 4" : 'words to search for'}
            onChange={(e) => useQuery.setState({ text: e.target.value, error: null })}
          />
        </Field>
        <button type="submit" className="primary" disabled={q.running}>{q.running ? 'Running…' : 'Run'}</button>
      </form>
      {q.result && (
        <>
          <div className="query-meta" data-testid="query-meta">
            <span className="num">{q.result.rows.length.toLocaleString('en-US')} rows</span>
            <span><Duration ms={q.result.elapsedMs} /></span>
            {q.result.usedIndex ? (
              <span className="badge ok" data-testid="query-index">used index {used.join(', ') || ''}</span>
            ) : (
              <span className="badge warnish" data-testid="query-index">full scan</span>
            )}
            <details className="plan">
              <summary>plan</summary>
              <pre>{q.result.plan}</pre>
            </details>
          </div>
          <RowsGrid columns={q.result.columns} rows={q.result.rows} testId="query-grid" />
        </>
      )}
    </div>
  );
}
