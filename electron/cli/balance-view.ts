/**
 * The balance as a terminal table with bars, from a Plan made by shared/balance: a row per batch,
 * as the build's result table numbers them. Printed before the engine says how many run at once,
 * so the rows are never called workers (with BTREE's rounds there are fewer workers than batches).
 */
import type { Plan } from '@shared/contract/build.js';
import { formatBytes, formatCount, formatPercent } from '@shared/format.js';
import { textTable } from './text-table.js';

export function renderPlan(plan: Plan, width = 28): string {
  const byBytes = plan.balancedBy === 'bytes';
  const load = (w: Plan['workers'][number]) => (byBytes ? (w.bytes ?? 0) : w.rows);
  const max = Math.max(1, ...plan.workers.map(load));
  const rows = plan.workers.map((w) => [
    w.worker,
    '█'.repeat(Math.max(1, Math.round((load(w) / max) * width))),
    ...(byBytes ? [formatBytes(w.bytes ?? 0)] : []),
    formatCount(w.rows),
    w.fragmentIds.length,
    formatPercent(w.share),
  ]);
  const table = textTable(['batch', 'load', ...(byBytes ? ['bytes'] : []), 'rows', 'frags', 'share'], rows, [
    'r',
    'l',
    ...(byBytes ? ['r' as const] : []),
    'r',
    'r',
    'r',
  ]);
  const measure = byBytes ? "balanced by the column's bytes (text of uneven length: rows would mislead)" : 'balanced by rows';
  const n = plan.workers.length;
  const summary = `${formatCount(plan.totalRows)} rows in ${n} batch${n === 1 ? '' : 'es'}, ${measure}; the busiest batch has ${plan.makespanRatio.toFixed(3)}x an even share`;
  const chosen = plan.autoWorkers ? [`workers: auto, ${plan.autoWorkers}`] : [];
  return [table, summary, ...chosen, ...plan.warnings.map((w) => `warning: ${w}`)].join('\n');
}
