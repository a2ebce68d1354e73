/**
 * A bar per worker (per batch when there are more batches than run at once): its planned rows as
 * the bar's length, and during a run its batch's progress as the fill; the label beside each bar,
 * on its own row; a line at an even share. Plain HTML rows rather than an SVG chart: with 64-256
 * workers the list scrolls under an axis that stays in view, and a label can't drift onto another
 * worker's row.
 */
import type { Plan } from '@shared/contract/build';
import type { BatchState } from '@shared/contract/build-state';
import { balanceInWords, evenShare, formatWork, planUnit, workOf } from '@shared/balance-words';
import { formatBytes, formatCount } from '@shared/format';
import { axisTicks, balanceRows } from './balance-rows';
import './balance.css';

/** Round ticks in the plan's measure; bytes in whole KiB/MiB/GiB steps, as they are shown. */
function ticksFor(plan: Plan, largest: number): number[] {
  if (plan.balancedBy !== 'bytes') return axisTicks(largest);
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(largest) / Math.log(1024)));
  return axisTicks(largest / unit).map((t) => t * unit);
}

/** `atOnce`: how many batches run at once (the CPUs here or on the cluster); fewer than the plan's make it rounds. */
export function BalanceChart({ plan, batches, atOnce, note }: { plan: Plan; batches?: readonly BatchState[]; atOnce?: number; note?: string }) {
  const rows = balanceRows(plan, batches, atOnce);
  const unit = planUnit(plan, atOnce);
  const largest = Math.max(1, ...plan.workers.map((w) => workOf(plan, w)));
  const at = (work: number) => `${Math.min(100, (work / largest) * 100)}%`;
  const even = evenShare(plan);
  const tick = (t: number) => (plan.balancedBy === 'bytes' ? formatBytes(t) : formatCount(t).replace(/\.0+(?=[KMB]$)/, ''));
  return (
    <div
      className="balance"
      role="figure"
      aria-label={`Balance across ${plan.workers.length} ${unit === 'batch' ? 'batches' : 'workers'}`}
      data-testid="balance-chart"
      data-workers={plan.workers.length}
      data-unit={unit}
      data-mode={batches ? 'run' : 'preview'}
    >
      <div className="balance-scroll">
        <div className="balance-axis" aria-hidden>
          <span />
          <div className="balance-track axis-track">
            {ticksFor(plan, largest).map((t) => (
              <span key={t} className="tick" style={{ left: at(t) }}>
                {tick(t)}
              </span>
            ))}
            <span className="even-label" style={{ left: at(even) }} data-testid="even-share-label">
              even share {formatWork(plan, even)}
            </span>
          </div>
          <span />
        </div>
        {rows.map((r) => (
          <div key={r.name} className={`balance-row state-${r.state}`} data-testid="balance-row" data-state={r.state}>
            <span className="balance-name">{r.name}</span>
            <div className="balance-track">
              <div className="balance-bar" style={{ width: `${r.length * 100}%` }}>
                <div className="balance-fill" style={{ width: `${r.state === 'planned' ? 100 : r.fill * 100}%` }} />
              </div>
              <span className="even-line" style={{ left: at(even) }} />
            </div>
            <span className="balance-label" title={r.label}>
              {r.label}
            </span>
          </div>
        ))}
      </div>
      <div className="balance-summary" data-testid="balance-summary">
        <span title={`the busiest ${unit}'s work over an even share: ${plan.makespanRatio}`}>{balanceInWords(plan, atOnce)}</span>
        {note && (
          <div className="small" data-testid="concurrency-note">
            {note}
          </div>
        )}
        {plan.warnings.map((w) => (
          <div key={w} className="warn small">
            {w}
          </div>
        ))}
      </div>
    </div>
  );
}
