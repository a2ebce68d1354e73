/** A thin bar; colour says the state (running accent, done green, failed red, queued grey). */
export type RunTone = 'queued' | 'running' | 'retrying' | 'done' | 'failed' | 'cancelled';

export function ProgressBar({ fraction, tone, label }: { fraction: number | null; tone: RunTone; label?: string }) {
  const pct = fraction === null ? null : Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <div
      className={`progress tone-${tone}${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
    >
      <div className="progress-fill" style={{ width: pct === null ? '100%' : `${pct}%` }} />
    </div>
  );
}
