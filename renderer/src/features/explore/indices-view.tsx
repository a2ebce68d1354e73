/** Indices: type, segments, and coverage as a bar of fragments (indexed vs not) with unindexed rows. */
import type { DatasetDescription, IndexInfo } from '@shared/contract/dataset';
import { Bytes, Count } from '../../components/num';
import { EmptyState } from '../../components/empty-state';
import { showView } from '../../store/ui-store';
import { setForm } from '../build/build-store';
import { formatFragmentList } from '../build/form-logic';
import { parseIndexType } from '@shared/index-types';

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

export function IndicesView({ d }: { d: DatasetDescription }) {
  if (d.indices.length === 0) {
    return (
      <EmptyState title="No indices yet" testId="indices-empty">
        Build one from the <button type="button" className="link" onClick={() => showView('build')}>Build</button> screen.
      </EmptyState>
    );
  }
  return (
    <div className="indices" data-testid="indices">
      {d.indices.map((ix) => {
        const covered = new Set(ix.fragmentIds);
        const missing = d.fragments.filter((f) => !covered.has(f.id));
        const unindexedRows = missing.reduce((s, f) => s + (f.rows ?? 0), 0);
        const size = ix.segments.reduce((s, g) => s + (g.sizeBytes ?? 0), 0);
        return (
          <section key={ix.name} className="card index-card" data-testid="index-card" data-name={ix.name}>
            <header className="card-head">
              <h3><code>{ix.name}</code></h3>
              <span className="badge">{ix.type}</span>
              <span className="muted">on {ix.fields.join(', ')}</span>
              <span className="spacer" />
              {missing.length > 0 && parseIndexType(ix.type) && (
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setForm({ indexType: parseIndexType(ix.type)!, column: ix.fields[0] ?? '', name: ix.name, fragments: formatFragmentList(missing.map((f) => f.id)) });
                    showView('build');
                  }}
                >
                  Index the {missing.length} missing
                </button>
              )}
            </header>
            <div className="facts">
              <span>{ix.segments.length} segment{ix.segments.length === 1 ? '' : 's'}</span>
              <span>{covered.size} of {d.fragments.length} fragments</span>
              <span>{ix.rowsIndexed !== null ? <><Count value={ix.rowsIndexed} unit="rows" /> rows indexed</> : 'rows indexed unknown'}</span>
              <span className={unindexedRows ? 'warn' : ''}><Count value={unindexedRows} unit="rows" /> unindexed rows</span>
              {size > 0 && <span><Bytes value={size} /></span>}
            </div>
            <CoverageBar d={d} index={ix} />
          </section>
        );
      })}
    </div>
  );
}
