/** Says, above every Explore tab, that an older version is shown read-only, with the way back. */
import type { DatasetDescription } from '@shared/contract/dataset';
import { backToLatest, useOlderVersion } from './older-version-store';

export function ReadOnlyBanner({ latest }: { latest: DatasetDescription }) {
  const older = useOlderVersion((s) => s.description);
  const error = useOlderVersion((s) => s.error);
  if (error)
    return (
      <p className="field-error readonly-error" role="alert">
        {error}
      </p>
    );
  if (!older) return null;
  return (
    <div className="readonly-banner" role="status" data-testid="readonly-banner">
      <span>
        <strong>Version {older.version}, read-only.</strong> The latest is version {latest.latestVersion}; building and changing indices work on the latest
        only.
      </span>
      <button type="button" className="small" data-testid="back-to-latest" onClick={backToLatest}>
        Back to latest (version {latest.latestVersion})
      </button>
    </div>
  );
}
