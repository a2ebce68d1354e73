/** The end of a build: what was committed, whether verification agrees, and where time went. */
import type { BuildState } from '@shared/contract/build-state';
import { UnindexedNote } from './unindexed-note';
import { Duration } from '../../components/num';
import { TimingsBar } from './timings-bar';
import { RanOn } from './ran-on';
import { nodeLabel } from '../cluster/cluster-logic';
import { RetryFailedButton } from './retry-failed-button';

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
    const still = r.readVersion !== undefined ? ` The dataset is still at version ${r.readVersion}.` : '';
    if (cancelled) {
      // One calm line: a cancel is what was asked for, not an error to read twice.
      return (
        <section className="result-card cancelled" data-testid="result-card" data-outcome="cancelled">
          <p className="calm-line" data-testid="cancel-line">
            Cancelled; nothing was committed.{still}
          </p>
          {(r.engine ?? state.engine)?.kind === 'ray' && (
            <p className="muted small">
              <RanOn engine={r.engine ?? state.engine} />
            </p>
          )}
        </section>
      );
    }
    return (
      <section className="result-card failed" data-testid="result-card" data-outcome="failed">
        <h3>Build failed{r.indexName ? ` · ${r.indexName}` : ''}</h3>
        <pre className="error-text">{r.error?.message}</pre>
        <p className="muted small">Nothing was committed.{still}</p>
        {r.resumable && (
          <RetryFailedButton jobId={state.jobId} failed={r.batches.filter((b) => b.error).length} kept={r.batches.filter((b) => !b.error).length} />
        )}
        {(r.engine ?? state.engine)?.kind === 'ray' && (
          <p className="muted small">
            <RanOn engine={r.engine ?? state.engine} />
          </p>
        )}
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
            <span>
              {covered} fragment{covered === 1 ? '' : 's'} covered
            </span>
            {v?.segments !== undefined && (
              <span>
                {v.segments} segment{v.segments === 1 ? '' : 's'}
              </span>
            )}
            {v?.rowsIndexed != null && <span>{v.rowsIndexed.toLocaleString('en-US')} rows indexed</span>}
            <span>workflow {r.workflow}</span>
            <span>
              total <Duration ms={r.timingsMs.total} />
            </span>
            <RanOn engine={r.engine ?? state.engine} />
          </div>
          <h4>
            Verification{' '}
            <span className={v?.ok ? 'ok-word' : 'bad-word'} data-testid="verification-status">
              {v?.ok ? 'OK' : 'problems'}
            </span>
          </h4>
          <ul className="checks" data-testid="verification">
            <Check ok={v?.listed}>listed{v?.type ? ` as ${v.type}` : ''}</Check>
            <Check ok={v?.plannedFragmentsCovered}>covers every planned fragment</Check>
            <Check ok={v?.query ? v.query.usesIndex : undefined}>
              {v?.query ? (
                <>
                  query <code>{v.query.text}</code> {v.query.usesIndex ? 'uses the index' : 'does not use it'}
                  {v.query.rows !== undefined ? ` (${v.query.rows.toLocaleString('en-US')} rows)` : ''}
                </>
              ) : (
                'no probe query'
              )}
            </Check>
            {v?.recall && (
              // Vector indices: how many of the true nearest neighbours the index finds (required for IVF_FLAT, reported for the rest).
              <Check ok={v.recall.required !== null ? v.recall.value >= v.recall.required : undefined}>
                <span data-testid="verification-recall">
                  recall@{v.recall.k} {v.recall.value.toFixed(2)} over {v.recall.queries} queries against an exact search (nprobes {v.recall.nprobes}
                  {v.recall.required !== null ? `; at least ${v.recall.required} required` : '; reported'})
                </span>
              </Check>
            )}
            <Check ok={v?.lancedb?.checked ? !!v.lancedb.usesIndex && (!!v.lancedb.listed || !!v.lancedb.note) : undefined}>
              @lancedb/lancedb{' '}
              {!v?.lancedb?.checked
                ? (v?.lancedb?.note ?? 'not checked')
                : v.lancedb.listed
                  ? v.lancedb.usesIndex
                    ? 'lists it and uses it'
                    : 'lists it but does not use it'
                  : v.lancedb.note
                    ? `${v.lancedb.usesIndex ? 'uses it' : 'does not use it'} (${v.lancedb.note})`
                    : 'does not list it'}
            </Check>
          </ul>
          {v && v.problems.length > 0 && (
            <ul className="problems">
              {v.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <UnindexedNote v={v} indexName={r.indexName} />
        </div>
        <div>
          <h4>Timings</h4>
          <TimingsBar timings={r.timingsMs} />
          {r.batches.length > 0 && (
            <ul className="phase-times">
              {r.batches.map((b) => (
                <li key={b.batch}>
                  <span>
                    batch {b.batch} · w{b.worker}
                    {b.node ? ` · ${nodeLabel(b.node)}` : ''} · {b.fragmentIds.length} frags
                  </span>{' '}
                  <Duration ms={b.elapsedMs} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
