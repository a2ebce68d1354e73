/**
 * Fragments, virtualised: only the visible rows are in the DOM, so 100,000 fragments scroll
 * smoothly. Sortable by any column; click, Ctrl/⌘-click and Shift-click select.
 */
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DatasetDescription } from '@shared/contract/dataset';
import { Bytes, Count } from '../../components/num';
import { sortFragments, type FragmentSort, type FragmentSortKey } from './fragment-sort';
import { clickFragment, useSelection } from './selection-store';

const ROW = 26;
const COLUMNS: Array<{ key: FragmentSortKey; label: string }> = [
  { key: 'id', label: 'id' },
  { key: 'rows', label: 'rows' },
  { key: 'deletedRows', label: 'deleted' },
  { key: 'bytes', label: 'bytes' },
];

export function FragmentsTable({ d }: { d: DatasetDescription }) {
  const [sort, setSort] = useState<FragmentSort>({ key: 'id', desc: false });
  const selected = useSelection((s) => s.selected);
  const scroller = useRef<HTMLDivElement>(null);
  const order = useMemo(() => sortFragments(d.fragments, sort), [d.fragments, sort]);
  const ids = useMemo(() => Uint32Array.from(order, (i) => d.fragments[i]!.id), [order, d.fragments]);
  // Which indices cover each fragment, for the last column.
  const coveredBy = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const ix of d.indices) for (const id of ix.fragmentIds) m.set(id, [...(m.get(id) ?? []), ix.name]);
    return m;
  }, [d.indices]);
  const v = useVirtualizer({ count: order.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 16 });

  const header = (c: { key: FragmentSortKey; label: string }) => (
    <button
      key={c.key}
      type="button"
      className={`th sortable${c.key === 'id' ? '' : ' r'}`}
      aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      data-testid={`sort-${c.key}`}
      onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'id' }))}
    >
      {c.label}{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
    </button>
  );

  return (
    <div className="vtable fragments-table" data-testid="fragments-table" role="grid" aria-rowcount={order.length}>
      <div className="vrow vhead">{COLUMNS.map(header)}<span className="th">indexed by</span></div>
      <div className="vbody" ref={scroller}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const f = d.fragments[order[item.index]!]!;
            const isSel = selected.has(f.id);
            return (
              <div
                key={item.key}
                className={isSel ? 'vrow selected' : 'vrow'}
                role="row"
                aria-selected={isSel}
                data-testid="fragment-row"
                data-id={f.id}
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                onMouseDown={(e) => e.shiftKey && e.preventDefault() /* no text selection on Shift-click */}
                onClick={(e) => clickFragment(ids, item.index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey })}
              >
                <span className="num">{f.id}</span>
                <span className="r"><Count value={f.rows} unit="rows" /></span>
                <span className="r">{f.deletedRows ? <Count value={f.deletedRows} unit="rows" /> : <span className="muted">0</span>}</span>
                <span className="r"><Bytes value={f.bytes} /></span>
                <span className="muted ellipsis">{(coveredBy.get(f.id) ?? []).join(', ')}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
