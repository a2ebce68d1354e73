/**
 * Orphan cleanup: index folders no version references (left by failed, cancelled or crashed
 * builds of any tool). Find them, then remove them after a confirmation; the engine re-reads the
 * versions right before each removal and keeps any that one references by then.
 */
import { useId, useState } from 'react';
import { Bytes } from '../../components/num';
import { formatBytes } from '@shared/format';
import { useProgress } from '../progress/progress-store';
import { findOrphans, removeOrphans, useIndexCare } from './index-care-store';

const short = (uuid: string) => uuid.slice(0, 8);

export function OrphanCleanup() {
  const { orphans, removal, cleaning, cleanupError } = useIndexCare();
  const [asking, setAsking] = useState(false);
  // A running build's folders are referenced by no version until it commits: not orphans.
  const building = useProgress((s) => !!s.activeJobId && s.jobs[s.activeJobId]?.status === 'running');
  const off = cleaning !== null || building;
  const ids = useId();
  const total = orphans?.orphans.reduce((s, o) => s + o.bytes, 0) ?? 0;
  return (
    <section className="card orphan-cleanup" data-testid="orphan-cleanup" aria-labelledby={`${ids}-h`}>
      <header className="card-head">
        <h3 id={`${ids}-h`}>Orphan cleanup</h3>
        <span className="muted small">index folders no version references, left by failed or cancelled builds</span>
        <span className="spacer" />
        <button type="button" className="small" data-testid="find-orphans" disabled={off} onClick={() => (setAsking(false), void findOrphans())}>
          {cleaning === 'finding' ? 'Looking…' : 'Find orphans'}
        </button>
      </header>
      {building && <p className="muted small">Not while a build runs: its folders look like orphans until it commits.</p>}
      {cleanupError && (
        <p className="field-error" role="alert">
          {cleanupError}
        </p>
      )}
      {orphans &&
        (orphans.orphans.length === 0 ? (
          <p className="muted" data-testid="orphans-none">
            No orphans: every folder in <code>_indices</code> is used by some version.
          </p>
        ) : (
          <>
            <p data-testid="orphans-found">
              {orphans.orphans.length.toLocaleString('en-US')} folder{orphans.orphans.length === 1 ? '' : 's'} no version references, <Bytes value={total} /> in
              all:
            </p>
            <ul className="uuid-list" data-testid="orphan-list">
              {orphans.orphans.map((o) => (
                <li key={o.uuid}>
                  <code title={o.uuid}>{short(o.uuid)}</code> <span className="muted small">{formatBytes(o.bytes)}</span>
                </li>
              ))}
            </ul>
            {asking ? (
              <div className="index-confirm" role="alertdialog" aria-labelledby={`${ids}-q`} data-testid="remove-question">
                <p id={`${ids}-q`}>
                  <strong>
                    Remove {orphans.orphans.length.toLocaleString('en-US')} folder{orphans.orphans.length === 1 ? '' : 's'} ({formatBytes(total)})?
                  </strong>{' '}
                  <span className="muted small">Any a version references by then is kept.</span>
                </p>
                <div className="confirm-buttons">
                  <button
                    type="button"
                    className="danger small"
                    data-testid="confirm-remove"
                    disabled={off}
                    autoFocus
                    onClick={() => (setAsking(false), void removeOrphans())}
                  >
                    Remove them
                  </button>
                  <button type="button" className="small" onClick={() => setAsking(false)}>
                    Keep them
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="small" data-testid="remove-orphans" disabled={off} onClick={() => setAsking(true)}>
                {cleaning === 'removing' ? 'Removing…' : `Remove ${orphans.orphans.length.toLocaleString('en-US')}…`}
              </button>
            )}
          </>
        ))}
      {orphans && orphans.tooRecent.length > 0 && (
        <p className="muted small">{orphans.tooRecent.length} more are too recent to judge (a build may still be writing them).</p>
      )}
      {removal && (
        <div className="removal-report" data-testid="removal-report" role="status">
          <p>
            Removed {removal.removed.length.toLocaleString('en-US')} folder{removal.removed.length === 1 ? '' : 's'}
            {removal.removed.length ? ':' : '.'}
          </p>
          {removal.removed.length > 0 && (
            <ul className="uuid-list" data-testid="removed-list">
              {removal.removed.map((u) => (
                <li key={u}>
                  <code title={u}>{short(u)}</code>
                </li>
              ))}
            </ul>
          )}
          {removal.keptReferenced.length > 0 && (
            <>
              <p>
                Kept {removal.keptReferenced.length.toLocaleString('en-US')}: a version references {removal.keptReferenced.length === 1 ? 'it' : 'them'} now.
              </p>
              <ul className="uuid-list" data-testid="kept-list">
                {removal.keptReferenced.map((u) => (
                  <li key={u}>
                    <code title={u}>{short(u)}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
