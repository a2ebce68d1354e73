/**
 * After a successful Open, keyboard and screen-reader users land on the new screen's heading
 * instead of on a field that just vanished (the Open form closes, focus would fall to <body>).
 * A pending flag, not a counter: the heading takes it once, so changing screens later never
 * steals focus from the tab that was used.
 */
import { create } from 'zustand';
import { onDatasetOpened } from './dataset-store';

export const useFocusAfterOpen = create<{ pending: boolean }>(() => ({ pending: false }));

/** Marks focus pending on each fresh open; returns the unsubscribe. */
export function startFocusAfterOpen(): () => void {
  // A refresh re-reads the same dataset where the person is working: focus stays where it is.
  return onDatasetOpened((_d, _t, fresh) => {
    if (fresh) useFocusAfterOpen.setState({ pending: true });
  });
}

/** Called by the screen heading that took the focus. */
export function focusTaken(): void {
  useFocusAfterOpen.setState({ pending: false });
}
