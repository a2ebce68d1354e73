/** Fragments tab: size histogram, the table, and the selection that feeds the Build form. */
import type { DatasetDescription } from '@shared/contract/dataset';
import { Count } from '../../components/num';
import { buildOnFragments } from '../build/build-store';
import { FragmentHistogram } from './fragment-histogram';
import { FragmentsTable } from './fragments-table';
import { clearSelection, selectAll, useSelection } from './selection-store';

export function FragmentsView({ d, readOnly = false }: { d: DatasetDescription; readOnly?: boolean }) {
  const selected = useSelection((s) => s.selected);
  const selRows = d.fragments.reduce((n, f) => n + (selected.has(f.id) ? (f.rows ?? 0) : 0), 0);
  return (
    <div className="fragments-view">
      <FragmentHistogram fragments={d.fragments} />
      <div className="selection-bar" data-testid="selection-bar">
        {selected.size > 0 ? (
          <>
            <span>
              <strong>{selected.size.toLocaleString('en-US')}</strong> selected · <Count value={selRows} unit="rows" /> rows
            </span>
            {!readOnly && (
              <button type="button" className="primary small" data-testid="build-on-selection" onClick={() => buildOnFragments([...selected])}>
                Build on these
              </button>
            )}
            <button type="button" className="ghost small" onClick={clearSelection}>
              Clear
            </button>
          </>
        ) : (
          <span className="muted small">Click to select, Ctrl/⌘-click to add, Shift-click for a range; then build on just those.</span>
        )}
        <span className="spacer" />
        <button type="button" className="ghost small" onClick={() => selectAll(d.fragments.map((f) => f.id))}>
          Select all {d.fragments.length.toLocaleString('en-US')}
        </button>
      </div>
      <FragmentsTable d={d} />
    </div>
  );
}
