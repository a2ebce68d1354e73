/** Datasets opened before (remembered by the core), newest first; one click re-opens one. */
import { targetLabel } from '@shared/contract/dataset';
import { openRecent, useDataset } from './dataset-store';

export function RecentList({ onPick, compact }: { onPick?: () => void; compact?: boolean }) {
  const recent = useDataset((s) => s.recent);
  const current = useDataset((s) => (s.target ? targetLabel(s.target) : null));
  if (recent.length === 0) return compact ? <div className="muted small">Nothing opened yet.</div> : null;
  return (
    <div className={compact ? 'recent compact' : 'recent'}>
      {!compact && <h3>Recent</h3>}
      <ul>
        {recent.map((r) => {
          const full = targetLabel(r.target);
          return (
            <li key={full}>
              <button
                type="button"
                className={full === current ? 'recent-item current' : 'recent-item'}
                title={`${full}\nopened ${new Date(r.openedAt).toLocaleString()}`}
                onClick={() => {
                  onPick?.();
                  openRecent(r);
                }}
              >
                <span className="recent-label">{r.label}</span>
                <span className="recent-path">{full}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
