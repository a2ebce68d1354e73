/** The per-worker balance as a terminal table with bars, from a Plan made by shared/balance. */
import type { Plan } from '@shared/contract/build.js';
import { formatCount, formatPercent } from '@shared/format.js';
import { textTable } from './text-table.js';

export function renderPlan(plan: Plan, width = 28): string {
  const max = Math.max(1, ...plan.workers.map((w) => w.rows));
  const rows = plan.workers.map((w) => [
    `w${w.worker}`,
    '█'.repeat(Math.max(1, Math.round((w.rows / max) * width))),
    formatCount(w.rows),
    w.fragmentIds.length,
    formatPercent(w.share),
  ]);
  const table = textTable(['worker', 'load', 'rows', 'frags', 'share'], rows, ['l', 'l', 'r', 'r', 'r']);
  const summary = `${formatCount(plan.totalRows)} rows on ${plan.workers.length} worker(s); ideal ${formatCount(plan.idealRows)} per worker; makespan/ideal ${plan.makespanRatio.toFixed(3)}`;
  return [table, summary, ...plan.warnings.map((w) => `warning: ${w}`)].join('\n');
}
