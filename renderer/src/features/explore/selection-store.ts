/** Fragments picked in the table (click, Ctrl/⌘-click, Shift-click), for the Build form's subset. */
import { create } from 'zustand';
import { onDatasetOpened } from '../dataset/dataset-store';

interface SelectionStore {
  selected: ReadonlySet<number>;
  /** Position in the current sort order of the last plain or Ctrl click (Shift extends from it). */
  anchor: number | null;
}

export const useSelection = create<SelectionStore>(() => ({ selected: new Set(), anchor: null }));

/** Another dataset's fragments are other fragments: its open clears the selection. Returns the unsubscribe. */
export function startSelectionStore(): () => void {
  return onDatasetOpened((_d, _t, fresh) => {
    if (fresh) useSelection.setState({ selected: new Set(), anchor: null });
  });
}

/** Applies one click at `pos` in `order` (fragment ids in display order). */
export function clickFragment(order: ArrayLike<number>, pos: number, mods: { shift: boolean; toggle: boolean }): void {
  const { selected, anchor } = useSelection.getState();
  const id = order[pos]!;
  if (mods.shift && anchor !== null) {
    const next = new Set(mods.toggle ? selected : []);
    const [a, b] = anchor < pos ? [anchor, pos] : [pos, anchor];
    for (let i = a; i <= b; i++) next.add(order[i]!);
    useSelection.setState({ selected: next });
    return;
  }
  if (mods.toggle) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    useSelection.setState({ selected: next, anchor: pos });
    return;
  }
  useSelection.setState({ selected: selected.size === 1 && selected.has(id) ? new Set() : new Set([id]), anchor: pos });
}

export function selectAll(ids: Iterable<number>): void {
  useSelection.setState({ selected: new Set(ids), anchor: null });
}

export function clearSelection(): void {
  useSelection.setState({ selected: new Set(), anchor: null });
}
