/**
 * Indices: type, segments, and coverage as a bar of fragments (indexed vs not) with unindexed
 * rows; Drop and Rename for each, and the orphan cleanup. An older version is shown read-only.
 */
import type { DatasetDescription, IndexInfo } from '@shared/contract/dataset';
import { Bytes, Count } from '../../components/num';
import { EmptyState } from '../../components/empty-state';
import { showView } from '../../store/ui-store';
import { indexMissing } from '../build/build-store';
import { indexTypeOfLance } from '@shared/index-types';
import { IndexActions } from './index-actions';
import { OrphanCleanup } from './orphan-cleanup';
import { useIndexCare } from './index-care-store';
import './explore.css';

/** Past this many fragments a cell per fragment is too thin to see; the bar shows proportions. */
const MAX_CELLS = 300;

function CoverageBar({ d, index }: { d: DatasetDescription; index: IndexInfo }) {
  const covered = new Set(index.fragmentIds);
  const n = d.fragments.length;
  if (n <= MAX_CELLS) {
    return (
      <div className="coverage cells" aria-label={`${covered.size} of ${n} fragments indexed`}>
        {d.fragments.map((f) => (
          <span key={f.id} className={covered.has(f.id) ? 'cell on' : 'cell'} title={`fragment ${f.id}: ${covered.has(f.id) ? 'indexed' : 'not indexed'}`} />
        ))}
      </div>
    );
  }
  const share = n ? (d.fragments.filter((f) => covered.has(f.id)).length / n) * 100 : 0;
  return (
    <div className="coverage proportional" aria-label={`${share.toFixed(1)}% of fragments indexed`}>
      <div className="on" style={{ width: `${share}%` }} />
    </div>
  );
}

function IndexCard({ d, ix, readOnly }: { d: DatasetDescription; ix: IndexInfo; readOnly: boolean }) {
  const covered = new Set(ix.fragmentIds);
  const missing = d.fragments.filter((f) => !covered.has(f.id));
  const unindexedRows = missing.reduce((s, f) => s + (f.rows ?? 0), 0);
  const size = ix.segments.reduce((s, g) => s + (g.sizeBytes ?? 0), 0);
  return (
    <section className="card index-card" data-testid="index-card" data-name={ix.name}>
      <header className="card-head">
        <h3>
          <code>{ix.name}</code>
        </h3>
        <span className="badge">{ix.type}</span>
        <span className="muted">on {ix.fields.join(', ')}</span>
        <span className="spacer" />
        {!readOnly && missing.length > 0 && indexTypeOfLance(ix.type) && (
          <button type="button" className="small" data-testid="index-missing" onClick={() => indexMissing(ix.name)}>
            Index the {missing.length.toLocaleString('en-US')} missing
          </button>
        )}
        {!readOnly && <IndexActions name={ix.name} taken={d.indices.map((i) => i.name)} />}
      </header>
      <div className="facts">
        <span>
          {ix.segments.length} segment{ix.segments.length === 1 ? '' : 's'}
        </span>
        <span>
          {covered.size.toLocaleString('en-US')} of {d.fragments.length.toLocaleString('en-US')} fragments
        </span>
        <span>
          {ix.rowsIndexed !== null ? (
            <>
              <Count value={ix.rowsIndexed} unit="rows" /> rows indexed
            </>
          ) : (
            'rows indexed unknown'
          )}
        </span>
        <span className={unindexedRows ? 'warn' : ''}>
          <Count value={unindexedRows} unit="rows" /> unindexed rows
        </span>
        {size > 0 && (
          <span>
            <Bytes value={size} />
          </span>
        )}
      </div>
      <CoverageBar d={d} index={ix} />
    </section>
  );
}

export function IndicesView({ d, readOnly = false }: { d: DatasetDescription; readOnly?: boolean }) {
  const lastChange = useIndexCare((s) => s.lastChange);
  return (
    <div className="indices" data-testid="indices">
      {lastChange && !readOnly && (
        <p className="change-line" role="status" data-testid="index-change">
          {lastChange}
        </p>
      )}
      {d.indices.length === 0 ? (
        <EmptyState title={readOnly ? `No indices in version ${d.version}` : 'No indices yet'} testId="indices-empty">
          {readOnly ? (
            'Indices built later are in newer versions.'
          ) : (
            <>
              Build one from the{' '}
              <button type="button" className="link" onClick={() => showView('build')}>
                Build
              </button>{' '}
              screen.
            </>
          )}
        </EmptyState>
      ) : (
        d.indices.map((ix) => <IndexCard key={ix.name} d={d} ix={ix} readOnly={readOnly} />)
      )}
      {!readOnly && <OrphanCleanup />}
    </div>
  );
}
