/** The end of a build: what was committed, whether verification agrees, and where time went. */
import type { BuildState } from '@shared/contract/build-state';
import { setForm } from '../build/build-store';
import { Duration } from '../../components/num';
import { TimingsBar } from './timings-bar';

function Check({ ok, children }: { ok: boolean | undefined; children: React.ReactNode }) {
  return (
    <li className={ok === undefined ? 'check-row unknown' : ok ? 'check-row ok' : 'check-row bad'}>
      <span aria-hidden>{ok === undefined ? '–' : ok ? '✓' : '✕'}</span> {children}
    </li>
  );
}

export function ResultCard({ state }: { state: BuildState }) {
  const r = state.result;
  if (!r) return null;
  if (!r.ok) {
    const cancelled = r.error?.kind === 'cancelled';
    return (
      <section className={`result-card ${cancelled ? 'cancelled' : 'failed'}`} data-testid="result-card" data-outcome={cancelled ? 'cancelled' : 'failed'}>
        <h3>{cancelled ? 'Cancelled' : 'Build failed'}{r.indexName ? ` · ${r.indexName}` : ''}</h3>
        <pre className="error-text">{r.error?.message}</pre>
        <p className="muted small">
          Nothing was committed{r.readVersion !== undefined ? `; the dataset is still at version ${r.readVersion}` : ''}.
          {state.logs.filter((l) => l.message.startsWith('Removed')).map((l) => ` ${l.message}`)}
        </p>
        <TimingsBar timings={r.timingsMs} />
      </section>
    );
  }
  const v = r.verification;
  const covered = v?.coveredFragments?.length ?? r.fragmentIds?.length ?? 0;
  return (
    <section className="result-card ok" data-testid="result-card" data-outcome="succeeded">
      <h3>
        Index <code>{r.indexName}</code> ({r.indexType} on <code>{r.column}</code>) committed · version {r.readVersion} → {r.version}
      </h3>
      <div className="result-cols">
        <div>
          <div className="facts">
            <span>{covered} fragment{covered === 1 ? '' : 's'} covered</span>
            {v?.segments !== undefined && <span>{v.segments} segment{v.segments === 1 ? '' : 's'}</span>}
            {v?.rowsIndexed != null && <span>{v.rowsIndexed.toLocaleString('en-US')} rows indexed</span>}
            <span>workflow {r.workflow}</span>
            <span>total <Duration ms={r.timingsMs.total} /></span>
          </div>
          <h4>Verification <span className={v?.ok ? 'ok-word' : 'bad-word'} data-testid="verification-status">{v?.ok ? 'OK' : 'problems'}</span></h4>
          <ul className="checks" data-testid="verification">
            <Check ok={v?.listed}>listed{v?.type ? ` as ${v.type}` : ''}</Check>
            <Check ok={v?.plannedFragmentsCovered}>covers every planned fragment</Check>
            <Check ok={v?.query ? v.query.usesIndex : undefined}>
              {v?.query ? <>query <code>{v.query.text}</code> {v.query.usesIndex ? 'uses the index' : 'does not use it'}{v.query.rows !== undefined ? ` (${v.query.rows.toLocaleString('en-US')} rows)` : ''}</> : 'no probe query'}
            </Check>
            <Check ok={v?.lancedb?.checked ? !!v.lancedb.usesIndex && (!!v.lancedb.listed || !!v.lancedb.note) : undefined}>
              @lancedb/lancedb{' '}
              {!v?.lancedb?.checked
                ? v?.lancedb?.note ?? 'not checked'
                : v.lancedb.listed
                  ? (v.lancedb.usesIndex ? 'lists it and uses it' : 'lists it but does not use it')
                  : v.lancedb.note
                    ? `${v.lancedb.usesIndex ? 'uses it' : 'does not use it'} (${v.lancedb.note})`
                    : 'does not list it'}
            </Check>
          </ul>
          {v && v.problems.length > 0 && <ul className="problems">{v.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          {r.ok && v?.unindexedFragments && v.unindexedFragments.length > 0 && (
            <p className="muted" data-testid="unindexed-note">
              {v.unindexedFragments.length} fragment(s) newer than this build are not indexed ({v.unindexedFragments.slice(0, 8).join(', ')}
              {v.unindexedFragments.length > 8 ? ', …' : ''}).{' '}
              <button type="button" className="link" onClick={() => setForm({ name: r.indexName ?? '', fragments: '', onlyUnindexed: true })}>
                Index only those
              </button>
            </p>
          )}
        </div>
        <div>
          <h4>Timings</h4>
          <TimingsBar timings={r.timingsMs} />
          {r.batches.length > 0 && (
            <ul className="phase-times">
              {r.batches.map((b) => (
                <li key={b.batch}><span>batch {b.batch} · w{b.worker} · {b.fragmentIds.length} frags</span> <Duration ms={b.elapsedMs} /></li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
