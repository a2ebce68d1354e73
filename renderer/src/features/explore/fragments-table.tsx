/**
 * Fragments, virtualised: only the visible rows are in the DOM, so 100,000 fragments scroll
 * smoothly. Sortable by any column; click, Ctrl/⌘-click and Shift-click select. By keyboard the
 * table is one tab stop (an ARIA grid): the arrows, Page Up/Down and Home/End move the active
 * row, Space adds or removes it (as Ctrl-click), Shift-Space selects the range to it (as
 * Shift-click), Enter selects just it (as a click). The active row is named by
 * aria-activedescendant rather than focused, since a virtual list may not have it rendered yet.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DatasetDescription } from '@shared/contract/dataset';
import { Bytes } from '../../components/num';
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
  /** Position (in the current order) of the row the keyboard is on. */
  const [active, setActive] = useState<number | null>(null);
  const selected = useSelection((s) => s.selected);
  const scroller = useRef<HTMLDivElement>(null);
  const rowIdBase = useId();
  const order = useMemo(() => sortFragments(d.fragments, sort), [d.fragments, sort]);
  const ids = useMemo(() => Uint32Array.from(order, (i) => d.fragments[i]!.id), [order, d.fragments]);
  // Which indices cover each fragment, for the last column.
  const coveredBy = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const ix of d.indices) for (const id of ix.fragmentIds) m.set(id, [...(m.get(id) ?? []), ix.name]);
    return m;
  }, [d.indices]);
  const v = useVirtualizer({ count: order.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 16 });
  const rowId = (fragmentId: number) => `${rowIdBase}-fragment-${fragmentId}`;
  const at = active !== null && active < order.length ? active : null;

  const moveTo = (pos: number) => {
    const next = Math.max(0, Math.min(order.length - 1, pos));
    setActive(next);
    v.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a column header's sort button are that button's.
    if (e.target !== e.currentTarget || order.length === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW) / ROW) - 1);
    const from = at ?? 0;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: order.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(at === null ? 0 : moves[e.key]!);
    } else if ((e.key === ' ' || e.key === 'Enter') && at !== null) {
      e.preventDefault();
      clickFragment(ids, at, { shift: e.key === ' ' && e.shiftKey, toggle: e.key === ' ' });
    }
  };

  const header = (c: { key: FragmentSortKey; label: string }) => (
    <span
      key={c.key}
      role="columnheader"
      className={`th-cell${c.key === 'id' ? '' : ' r'}`}
      aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="th sortable"
        data-testid={`sort-${c.key}`}
        onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'id' }))}
      >
        {c.label}
        {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </span>
  );

  return (
    <div
      className="vtable fragments-table"
      data-testid="fragments-table"
      role="grid"
      aria-label="Fragments"
      aria-multiselectable="true"
      aria-rowcount={order.length + 1 /* the header row counts */}
      aria-activedescendant={at !== null ? rowId(d.fragments[order[at]!]!.id) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        // Start on a row in view, without scrolling: a click that focused the table is about to land on a row.
        if (e.target !== e.currentTarget || at !== null || order.length === 0) return;
        const inView = v.getVirtualItems().filter((i) => i.start >= (scroller.current?.scrollTop ?? 0));
        setActive((inView.find((i) => selected.has(ids[i.index]!)) ?? inView[0])?.index ?? 0);
      }}
    >
      <div className="vrow vhead" role="row" aria-rowindex={1}>
        {COLUMNS.map(header)}
        <span role="columnheader" className="th">
          indexed by
        </span>
      </div>
      <div className="vbody" ref={scroller}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }} role="rowgroup">
          {v.getVirtualItems().map((item) => {
            const f = d.fragments[order[item.index]!]!;
            const isSel = selected.has(f.id);
            return (
              <div
                key={item.key}
                id={rowId(f.id)}
                className={`vrow${isSel ? ' selected' : ''}${item.index === at ? ' active' : ''}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSel}
                data-testid="fragment-row"
                data-id={f.id}
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                onMouseDown={(e) => e.shiftKey && e.preventDefault() /* no text selection on Shift-click */}
                onClick={(e) => {
                  setActive(item.index);
                  clickFragment(ids, item.index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
                }}
              >
                <span role="gridcell" className="num">
                  {f.id}
                </span>
                <span role="gridcell" className="r num">
                  {f.rows === null ? '?' : f.rows.toLocaleString('en-US') /* exact: "2,000", not "2K" */}
                </span>
                <span role="gridcell" className="r">
                  {f.deletedRows ? <span className="num">{f.deletedRows.toLocaleString('en-US')}</span> : <span className="muted">0</span>}
                </span>
                <span role="gridcell" className="r">
                  <Bytes value={f.bytes} />
                </span>
                <span role="gridcell" className="muted ellipsis">
                  {(coveredBy.get(f.id) ?? []).join(', ')}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
