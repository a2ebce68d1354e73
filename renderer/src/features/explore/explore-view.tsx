/** Explore: schema, fragments, versions, indices, data and query, one tab each. */
import { Tabs } from '../../components/tabs';
import { showExploreTab, useUi, type ExploreTab } from '../../store/ui-store';
import { useDataset } from '../dataset/dataset-store';
import { DataView } from './data-view';
import { FragmentsView } from './fragments-view';
import { IndicesView } from './indices-view';
import { QueryView } from './query-view';
import { SchemaTree } from './schema-tree';
import { VersionsView } from './versions-view';

export function ExploreView() {
  const tab = useUi((s) => s.exploreTab);
  const d = useDataset((s) => s.description);
  if (!d) return null;
  const tabs: Array<{ id: ExploreTab; label: string; badge?: number }> = [
    { id: 'schema', label: 'Schema' },
    { id: 'fragments', label: 'Fragments', badge: d.fragments.length },
    { id: 'versions', label: 'Versions', badge: d.versions?.length },
    { id: 'indices', label: 'Indices', badge: d.indices.length },
    { id: 'data', label: 'Data' },
    { id: 'query', label: 'Query' },
  ];
  return (
    <div className="explore">
      <Tabs label="Explore" tabs={tabs} value={tab} onChange={showExploreTab} />
      <div className="tab-body" data-tab={tab}>
        {tab === 'schema' && <SchemaTree d={d} />}
        {tab === 'fragments' && <FragmentsView d={d} />}
        {tab === 'versions' && <VersionsView d={d} />}
        {tab === 'indices' && <IndicesView d={d} />}
        {tab === 'data' && <DataView />}
        {tab === 'query' && <QueryView />}
      </div>
    </div>
  );
}
