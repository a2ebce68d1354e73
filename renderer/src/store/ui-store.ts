/** Which screen is showing. Tiny on purpose: each feature keeps its own state in its own store. */
import { create } from 'zustand';

export type View = 'explore' | 'build' | 'history' | 'cluster';
export type ExploreTab = 'schema' | 'fragments' | 'versions' | 'indices' | 'data' | 'query';

interface UiState {
  view: View;
  exploreTab: ExploreTab;
  /** The Open panel over the current screen (it fills the screen when no dataset is open). */
  openPanel: boolean;
  /** Bumped to ask the Open panel to focus its first field (Ctrl/Cmd-O while it shows). */
  focusOpen: number;
}

export const useUi = create<UiState>(() => ({ view: 'explore', exploreTab: 'schema', openPanel: false, focusOpen: 0 }));

export const showView = (view: View) => useUi.setState({ view });
export const showExploreTab = (exploreTab: ExploreTab) => useUi.setState({ view: 'explore', exploreTab });
export const showOpenPanel = (open: boolean) => useUi.setState((s) => ({ openPanel: open, focusOpen: open ? s.focusOpen + 1 : s.focusOpen }));
