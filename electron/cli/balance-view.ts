/** The per-worker balance as a terminal table with bars, from a Plan made by shared/balance. */
import type { Plan } from '@shared/contract/build.js';
import { formatBytes, formatCount, formatPercent } from '@shared/format.js';
import { textTable } from './text-table.js';

export function renderPlan(plan: Plan, width = 28): string {
  const byBytes = plan.balancedBy === 'bytes';
  const load = (w: Plan['workers'][number]) => (byBytes ? (w.bytes ?? 0) : w.rows);
  const max = Math.max(1, ...plan.workers.map(load));
  const rows = plan.workers.map((w) => [
    `w${w.worker}`,
    '█'.repeat(Math.max(1, Math.round((load(w) / max) * width))),
    ...(byBytes ? [formatBytes(w.bytes ?? 0)] : []),
    formatCount(w.rows),
    w.fragmentIds.length,
    formatPercent(w.share),
  ]);
  const table = textTable(['worker', 'load', ...(byBytes ? ['bytes'] : []), 'rows', 'frags', 'share'], rows, [
    'l',
    'l',
    ...(byBytes ? ['r' as const] : []),
    'r',
    'r',
    'r',
  ]);
  const measure = byBytes ? "balanced by the column's bytes (text of uneven length: rows would mislead)" : 'balanced by rows';
  const summary = `${formatCount(plan.totalRows)} rows on ${plan.workers.length} worker(s), ${measure}; the busiest worker has ${plan.makespanRatio.toFixed(3)}x an even share`;
  const chosen = plan.autoWorkers ? [`workers: auto, ${plan.autoWorkers}`] : [];
  return [table, summary, ...chosen, ...plan.warnings.map((w) => `warning: ${w}`)].join('\n');
}
