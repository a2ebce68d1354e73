/** Every version of the dataset, newest first; the one open is marked. */
import type { DatasetDescription } from '@shared/contract/dataset';
import { Count } from '../../components/num';
import { EmptyState } from '../../components/empty-state';

export function VersionsView({ d }: { d: DatasetDescription }) {
  const versions = [...(d.versions ?? [])].sort((a, b) => b.version - a.version);
  if (versions.length === 0) return <EmptyState title="No version history was read" />;
  return (
    <table className="grid versions-table" data-testid="versions-table">
      <thead><tr><th className="r">version</th><th>written</th><th className="r">rows</th><th className="r">fragments</th><th /></tr></thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} className={v.version === d.version ? 'current' : ''}>
            <td className="r num">{v.version}</td>
            <td title={v.timestamp ?? ''}>{v.timestamp ? new Date(v.timestamp).toLocaleString() : '?'}</td>
            <td className="r"><Count value={v.rows} unit="rows" /></td>
            <td className="r"><Count value={v.fragments} unit="fragments" /></td>
            <td>{v.version === d.version && <span className="badge">open</span>}{v.version === d.latestVersion && v.version !== d.version && <span className="badge">latest</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
