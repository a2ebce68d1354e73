/** The screens (Explore, Build, History, Cluster), what is running right now, and the theme. */
import { Tabs } from '../components/tabs';
import { showView, useUi, type View } from '../store/ui-store';
import { useProgress } from '../features/progress/progress-store';
import { ThemeSwitch } from './theme-switch';
import './top-bar.css';

/** The screens' tablist; the app's content area is its panel. */
export const SCREENS_TABS = 'screens';

export function TopBar() {
  const view = useUi((s) => s.view);
  const builds = useProgress((s) => s.order.length);
  const active = useProgress((s) => (s.activeJobId ? s.jobs[s.activeJobId] : undefined));
  const running = active?.status === 'running';
  const tabs: Array<{ id: View; label: string; badge?: number }> = [
    { id: 'explore', label: 'Explore' },
    { id: 'build', label: 'Build' },
    { id: 'history', label: 'History', badge: builds || undefined },
    { id: 'cluster', label: 'Cluster' },
  ];
  return (
    <header className="top-bar">
      <Tabs id={SCREENS_TABS} label="Screens" tabs={tabs} value={view} onChange={showView} />
      <span className="spacer" />
      {running && active && (
        <button type="button" className="ghost small running-pill" data-testid="running-pill" onClick={() => showView('build')}>
          ● building {Math.round(active.progress * 100)}%
        </button>
      )}
      <span className="muted small keys">
        <kbd>Ctrl/⌘ O</kbd> open · <kbd>Ctrl/⌘ ⏎</kbd> build · <kbd>Esc</kbd> cancel
      </span>
      <ThemeSwitch />
    </header>
  );
}
