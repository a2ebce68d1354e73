/** The window: sidebar on the left, the current screen on the right, Open over it when asked. */
import { useEffect } from 'react';
import { launchDataset } from '../api/bridge';
import { EmptyState } from '../components/empty-state';
import { TabPanel } from '../components/tabs';
import { checkEngine } from '../store/connection-store';
import { showOpenPanel, useUi, type View } from '../store/ui-store';
import { loadRecent, openDataset, useDataset } from '../features/dataset/dataset-store';
import { OpenPanel } from '../features/dataset/open-panel';
import { datasetName } from '../features/dataset/dataset-name';
import { Sidebar } from '../features/dataset/sidebar';
import { ExploreView } from '../features/explore/explore-view';
import { BuildView } from '../features/build/build-view';
import { HistoryView } from '../features/progress/history-view';
import { ClusterView } from '../features/cluster/cluster-view';
import { EngineScreen, useEngineNeedsSetup } from '../features/engine/engine-screen';
import { loadBuilds } from '../features/progress/progress-store';
import { Banners } from './banners';
import { ScreenHeading } from './screen-heading';
import { SCREENS_TABS, TopBar } from './top-bar';
import { useShortcuts } from './keyboard';

function boot(): void {
  void checkEngine();
  void loadRecent();
  void loadBuilds();
  const uri = launchDataset();
  if (uri) void openDataset({ uri, storageOptions: {} });
}

function NoDataset() {
  const { status, error } = useDataset();
  return (
    <div className="no-dataset">
      {status === 'error' && error ? (
        <EmptyState title="This dataset could not be read" tone="error" testId="dataset-unreadable">
          The details are under the field below. Check the path, or that the folder is a Lance dataset (it has a <code>_versions/</code> folder).
        </EmptyState>
      ) : status === 'loading' ? (
        <EmptyState title="Opening the dataset…" testId="dataset-loading" />
      ) : (
        <EmptyState title="No dataset open" testId="no-dataset">
          Open a Lance dataset to look inside it and build scalar indices in parallel. Try <code>lance-index sample --out ./demo.lance</code> if you have none.
        </EmptyState>
      )}
      <OpenPanel asDialog={false} />
    </div>
  );
}

const SCREEN_NAMES: Record<View, string> = { explore: 'Explore', build: 'Build', history: 'History', cluster: 'Cluster' };

function Screen({ view }: { view: View }) {
  const target = useDataset((s) => s.target);
  return (
    <>
      <ScreenHeading text={`${SCREEN_NAMES[view]}${target ? ` · ${datasetName(target)}` : ''}`} />
      {view === 'explore' ? <ExploreView /> : view === 'build' ? <BuildView /> : view === 'cluster' ? <ClusterView /> : <HistoryView />}
    </>
  );
}

export function App() {
  const view = useUi((s) => s.view);
  const openPanel = useUi((s) => s.openPanel);
  const hasDataset = useDataset((s) => !!s.description);
  const needsEngine = useEngineNeedsSetup();
  useShortcuts();
  useEffect(boot, []);
  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <TopBar />
        <Banners />
        <TabPanel id={SCREENS_TABS} value={view} className="content">
          {needsEngine ? <EngineScreen /> : !hasDataset ? <NoDataset /> : <Screen view={view} />}
        </TabPanel>
        {hasDataset && openPanel && (
          <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && showOpenPanel(false)}>
            <OpenPanel asDialog />
          </div>
        )}
      </main>
    </div>
  );
}
