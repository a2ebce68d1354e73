/**
 * Explore: schema, fragments, versions, indices, data and query, one tab each. When an older
 * version is opened read-only, the tabs show it (under a banner with the way back).
 */
import { TabPanel, Tabs } from '../../components/tabs';
import { showExploreTab, useUi, type ExploreTab } from '../../store/ui-store';
import { useDataset } from '../dataset/dataset-store';
import { DataView } from './data-view';
import { FragmentsView } from './fragments-view';
import { IndicesView } from './indices-view';
import { QueryView } from './query-view';
import { SchemaTree } from './schema-tree';
import { VersionsView } from './versions-view';
import { useOlderVersion } from './older-version-store';
import { ReadOnlyBanner } from './read-only-banner';
import './explore.css';

export function ExploreView() {
  const tab = useUi((s) => s.exploreTab);
  const latest = useDataset((s) => s.description);
  const older = useOlderVersion((s) => s.description);
  if (!latest) return null;
  const d = older ?? latest;
  const tabs: Array<{ id: ExploreTab; label: string; badge?: number }> = [
    { id: 'schema', label: 'Schema' },
    { id: 'fragments', label: 'Fragments', badge: d.fragments.length },
    { id: 'versions', label: 'Versions', badge: d.versions?.length },
    { id: 'indices', label: 'Indices', badge: d.indices.length },
    { id: 'data', label: 'Data' },
    { id: 'query', label: 'Query' },
  ];
  return (
    <div className={older ? 'explore read-only' : 'explore'}>
      <ReadOnlyBanner latest={latest} />
      <Tabs id="explore" label="Explore" tabs={tabs} value={tab} onChange={showExploreTab} />
      <TabPanel id="explore" value={tab} className="tab-body" data-tab={tab}>
        {tab === 'schema' && <SchemaTree d={d} readOnly={!!older} />}
        {tab === 'fragments' && <FragmentsView d={d} readOnly={!!older} />}
        {tab === 'versions' && <VersionsView d={d} />}
        {tab === 'indices' && <IndicesView d={d} readOnly={!!older} />}
        {tab === 'data' && (
          <>
            {older && (
              <p className="muted small" data-testid="data-version-note">
                These are version {d.version}'s rows; the latest is version {latest.version}.
              </p>
            )}
            <DataView />
          </>
        )}
        {tab === 'query' && <QueryView />}
      </TabPanel>
    </div>
  );
}
