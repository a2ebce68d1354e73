/**
 * Query: rows, the true match count, time with and without the index, and whether an index
 * answered it (read from the plan) or it was a full scan; this session's queries beside it.
 */
import { flattenFields } from '@shared/contract/dataset';
import { isFloatVector } from '@shared/index-types';
import { Field } from '../../components/field';
import { Duration } from '../../components/num';
import { useDataset } from '../dataset/dataset-store';
import { MAX_LIMIT, MIN_LIMIT } from './query-history';
import { QueryHistoryList } from './query-history-list';
import { indexNamesInPlan, runQuery, useQuery, type QueryMode } from './query-store';
import { QueryTimings } from './query-timings';
import { RowsGrid } from './rows-grid';
import { QueryNotes, queryNotes } from './query-notes';
import { useOlderVersion } from './older-version-store';
import './explore.css';

export function QueryView() {
  const q = useQuery();
  const latest = useDataset((s) => s.description);
  const d = useOlderVersion((s) => s.description) ?? latest;
  const fields = d ? flattenFields(d.schema) : [];
  const strings = fields.filter((f) => f.type.kind === 'string' || (f.type.kind === 'list' && f.type.item?.kind === 'string'));
  const vectors = fields.filter((f) => isFloatVector(f.type));
  const asked = q.asked;
  const fullText = q.result?.plan.includes('MatchQuery') ? { column: asked?.column || undefined } : undefined;
  const used = q.result ? indexNamesInPlan(q.result.plan, d, fullText, asked?.mode === 'nearest' ? { column: asked.column } : undefined) : [];
  const nearest = q.mode === 'nearest';
  const chooseMode = (mode: QueryMode) => {
    // A vector search needs a vector column; the other modes' column is a text one (or all).
    const column = mode === 'nearest' ? (vectors.some((f) => f.path === q.column) ? q.column : (vectors[0]?.path ?? '')) : '';
    useQuery.setState({ mode, column, error: null, ...(mode === 'nearest' && q.mode !== 'nearest' ? { text: '0', limitText: '10' } : {}) });
  };
  return (
    <div className="query-view">
      <form
        className="query-form"
        noValidate /* the limit's bounds are said under it, in words, not by the browser's bubble */
        onSubmit={(e) => {
          e.preventDefault();
          void runQuery();
        }}
      >
        <select aria-label="query kind" value={q.mode} onChange={(e) => chooseMode(e.target.value as QueryMode)}>
          <option value="filter">SQL filter</option>
          <option value="fullText">Full-text search</option>
          <option value="nearest" disabled={vectors.length === 0}>
            Nearest neighbours (vector){vectors.length === 0 ? ': no vector column' : ''}
          </option>
        </select>
        {nearest && (
          <select aria-label="vector column" value={q.column} onChange={(e) => useQuery.setState({ column: e.target.value })}>
            {vectors.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
              </option>
            ))}
          </select>
        )}
        {q.mode === 'fullText' && (
          <select aria-label="column to search" value={q.column} onChange={(e) => useQuery.setState({ column: e.target.value })}>
            <option value="">all indexed text columns</option>
            {strings.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
              </option>
            ))}
          </select>
        )}
        <Field label="" name="query" error={q.error ?? undefined} wide>
          <input
            name="query"
            aria-label={q.mode === 'filter' ? 'SQL filter' : nearest ? 'row whose vector to search near' : 'words to search for'}
            value={q.text}
            spellCheck={false}
            inputMode={nearest ? 'numeric' : undefined}
            placeholder={q.mode === 'filter' ? "category = 'books' AND rating > 4" : nearest ? 'row number, e.g. 0' : 'words to search for'}
            onChange={(e) => useQuery.setState({ text: e.target.value, error: null })}
          />
        </Field>
        {nearest && (
          <>
            <SearchSetting
              name="nprobes"
              label="nprobes"
              placeholder="default"
              title="IVF partitions to search (more: better recall, slower)"
              value={q.nprobesText}
              onChange={(v) => useQuery.setState({ nprobesText: v, error: null })}
            />
            <SearchSetting
              name="refineFactor"
              label="refine"
              placeholder="none"
              title="refine_factor: re-rank k × this many candidates by their exact distance"
              value={q.refineText}
              onChange={(v) => useQuery.setState({ refineText: v, error: null })}
            />
          </>
        )}
        <div className="limit-field">
          <label htmlFor="query-limit">{nearest ? 'k' : 'Limit'}</label>
          <input
            id="query-limit"
            name="limit"
            type="number"
            inputMode="numeric"
            min={MIN_LIMIT}
            max={MAX_LIMIT}
            value={q.limitText}
            aria-invalid={q.limitError ? true : undefined}
            aria-describedby={q.limitError ? 'query-limit-error' : undefined}
            onChange={(e) => useQuery.setState({ limitText: e.target.value, limitError: null })}
          />
          {q.limitError && (
            <div id="query-limit-error" className="field-error" role="alert" data-testid="error-limit">
              {q.limitError}
            </div>
          )}
        </div>
        <label className="check-field">
          <input type="checkbox" name="compare" checked={q.compare} onChange={(e) => useQuery.setState({ compare: e.target.checked })} />
          time it without the index too
        </label>
        <button type="submit" className="primary" disabled={q.running}>
          {q.running ? 'Running…' : 'Run'}
        </button>
      </form>
      <QueryHistoryList />
      {q.result && asked && (
        <>
          <div className="query-meta" data-testid="query-meta">
            <span className="num">{q.result.rows.length.toLocaleString('en-US')} rows</span>
            <span>
              <Duration ms={q.result.elapsedMs} />
            </span>
            {q.result.usedIndex ? (
              <span className="badge ok" data-testid="query-index">
                used index {used.join(', ') || ''}
              </span>
            ) : (
              <span className="badge warnish" data-testid="query-index">
                full scan
              </span>
            )}
            <details className="plan">
              <summary>plan</summary>
              <pre>{q.result.plan}</pre>
            </details>
          </div>
          <QueryTimings result={q.result} used={used} />
          {/* A vector search's k rows are the whole answer asked for: no "more may match". */}
          <QueryNotes
            notes={queryNotes(
              q.result.rows.length,
              asked.limit,
              q.result.usedIndex ? used : [],
              d,
              asked.mode === 'nearest' ? q.result.rows.length : q.result.total,
            )}
          />
          <RowsGrid columns={q.result.columns} rows={q.result.rows} testId="query-grid" />
        </>
      )}
    </div>
  );
}

/** One of a vector search's optional whole numbers, as typed ('' = pylance's default). */
function SearchSetting(p: { name: string; label: string; placeholder: string; title: string; value: string; onChange: (value: string) => void }) {
  const id = `query-${p.name}`;
  return (
    <div className="limit-field">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        inputMode="numeric"
        placeholder={p.placeholder}
        title={p.title}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </div>
  );
}
