/** The balance of a plan in plain words and numbers, for the window (the CLI has its table). */
import type { Plan, WorkerLoad } from './contract/build.js';
import { formatBytes, formatCount } from './format.js';

/** A worker's work in the measure the plan balanced by: rows, or the indexed column's bytes. */
export function workOf(plan: Plan, w: WorkerLoad): number {
  return plan.balancedBy === 'bytes' ? (w.bytes ?? 0) : w.rows;
}

/** An even share of the work, in the measure balanced by. */
export function evenShare(plan: Plan): number {
  if (plan.balancedBy !== 'bytes') return plan.idealRows;
  return plan.workers.length ? plan.workers.reduce((n, w) => n + workOf(plan, w), 0) / plan.workers.length : 0;
}

/** "84.1K rows" or "3.2 MiB": an amount of work in the plan's measure. */
export function formatWork(plan: Plan, n: number): string {
  return plan.balancedBy === 'bytes' ? formatBytes(Math.round(n)) : `${formatCount(n)} rows`;
}

/** "200K rows on 2 workers · an even share is 100K rows each · the busiest worker has 0.8% more than that". */
export function balanceInWords(plan: Plan): string {
  const n = plan.workers.length;
  const rows = `${formatCount(plan.totalRows)} rows`;
  if (n <= 1) return `${rows} on 1 worker`;
  const over = Math.max(0, (plan.makespanRatio - 1) * 100);
  const busiest = over < 0.05 ? 'every worker has an even share' : `the busiest worker has ${over.toFixed(1)}% more than that`;
  const by = plan.balancedBy === 'bytes' ? ", balanced by the column's bytes (text of uneven length)" : '';
  return `${rows} on ${n} workers${by} · an even share is ${formatWork(plan, evenShare(plan))} each · ${busiest}`;
}

/** "2 run at a time: 2 CPUs; the other 2 batches wait for a free worker", or undefined when all run at once. */
export function concurrencyInWords(batches: number, atOnce: number, reason: string): string | undefined {
  if (atOnce >= batches) return undefined;
  const waiting = batches - atOnce;
  return `${atOnce} run at a time: ${reason}; the other ${waiting} batch${waiting === 1 ? ' waits' : 'es wait'} for a free worker`;
}
