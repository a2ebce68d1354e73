/** Always visible, so nobody wonders what they are working on: the dataset, recent ones, Open. */
import { targetLabel } from '@shared/contract/dataset';
import { Bytes, Count } from '../../components/num';
import { showOpenPanel } from '../../store/ui-store';
import { useConnection } from '../../store/connection-store';
import { RecentList } from './recent-list';
import { refreshDataset, useDataset } from './dataset-store';
import { datasetName } from './dataset-name';

export function Sidebar() {
  const { description: d, target, status } = useDataset();
  const engine = useConnection((s) => s.engine);
  const rows = d?.fragments.reduce((n, f) => n + (f.rows ?? 0), 0) ?? 0;
  const bytes = d?.fragments.reduce((n, f) => n + (f.bytes ?? 0), 0) ?? 0;
  const name = target ? datasetName(target) : null;
  return (
    <aside className="sidebar">
      <div className="brand">
        lance-index <span>studio</span>
      </div>
      <section className="side-section" data-testid="dataset-identity">
        <h3>Dataset</h3>
        {d && target ? (
          <div className="identity">
            <div className="identity-name" title={targetLabel(target)}>
              {name}
            </div>
            <div className="identity-uri" title={d.uri}>
              {d.uri}
            </div>
            <dl className="identity-facts">
              <dt>version</dt>
              <dd data-testid="dataset-version">
                {d.version}
                {d.latestVersion !== d.version ? ` of ${d.latestVersion}` : ''}
              </dd>
              <dt>rows</dt>
              <dd>
                <Count value={rows} unit="rows" />
              </dd>
              <dt>fragments</dt>
              <dd>
                <Count value={d.fragments.length} unit="fragments" />
              </dd>
              <dt>size</dt>
              <dd>
                <Bytes value={bytes} />
              </dd>
              <dt>indices</dt>
              <dd>{d.indices.length}</dd>
            </dl>
            <button type="button" className="ghost small" onClick={() => void refreshDataset()} title="Read the dataset again">
              {status === 'loading' ? 'Reading…' : 'Refresh'}
            </button>
          </div>
        ) : (
          <div className="muted small">{status === 'loading' ? 'Opening…' : 'No dataset open.'}</div>
        )}
      </section>
      <section className="side-section grow">
        <h3>Recent</h3>
        <RecentList compact />
      </section>
      <div className="side-foot">
        <button type="button" className="primary block" onClick={() => showOpenPanel(true)}>
          Open… <kbd>Ctrl/⌘ O</kbd>
        </button>
        <div className={`engine-line ${engine ? (engine.ok ? 'ok' : 'bad') : ''}`} title={engine?.message ?? ''}>
          {engine ? (engine.ok ? `pylance ${engine.pylance} · python ${engine.python}` : 'engine missing') : 'starting engine…'}
        </div>
      </div>
    </aside>
  );
}
