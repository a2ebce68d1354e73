/**
 * Every version of the dataset, newest first, with what each changed; the one shown is marked,
 * and any older one can be opened read-only.
 */
import type { DatasetDescription } from '@shared/contract/dataset';
import { EmptyState } from '../../components/empty-state';
import { backToLatest, openOlderVersion, useOlderVersion } from './older-version-store';

/** Exact counts in a table of counts: "2,000", not "2K". */
const exact = (n: number | null) => (n === null ? '?' : n.toLocaleString('en-US'));

export function VersionsView({ d }: { d: DatasetDescription }) {
  const loading = useOlderVersion((s) => s.loading);
  const versions = [...(d.versions ?? [])].sort((a, b) => b.version - a.version);
  if (versions.length === 0) return <EmptyState title="No version history was read" />;
  return (
    <table className="grid versions-table" data-testid="versions-table">
      <thead>
        <tr>
          <th className="r">version</th>
          <th>written</th>
          <th>operation</th>
          <th className="r">rows</th>
          <th className="r">fragments</th>
          <th />
          <th>
            <span className="visually-hidden">open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const latest = v.version === d.latestVersion;
          return (
            <tr key={v.version} className={v.version === d.version ? 'current' : ''} data-testid="version-row" data-version={v.version}>
              <td className="r num">{v.version}</td>
              <td title={v.timestamp ?? ''}>{v.timestamp ? new Date(v.timestamp).toLocaleString() : '?'}</td>
              <td className="operation" data-testid="version-operation">
                {v.operation ?? <span className="muted">unknown</span>}
              </td>
              <td className="r num">{exact(v.rows)}</td>
              <td className="r num">{exact(v.fragments)}</td>
              <td>
                {v.version === d.version && <span className="badge">{latest ? 'open' : 'open · read-only'}</span>}
                {latest && v.version !== d.version && <span className="badge">latest</span>}
              </td>
              <td>
                {v.version !== d.version && (
                  <button
                    type="button"
                    className="small"
                    data-testid="open-version"
                    disabled={loading !== null}
                    onClick={() => (latest ? backToLatest() : void openOlderVersion(v.version))}
                  >
                    {loading === v.version ? 'Reading…' : latest ? 'Back to latest' : 'Open read-only'}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
