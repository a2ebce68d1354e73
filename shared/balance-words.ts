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

/**
 * True when a plan has more batches than run at once (BTREE's rounds, or more workers asked for
 * than CPUs): its bars are then batches, several to a worker, and must not be called workers.
 */
export function runsInRounds(plan: Plan, atOnce: number | undefined): boolean {
  return atOnce !== undefined && atOnce < plan.workers.length;
}

/** What a plan's bars are, in words: workers, or batches when several share a worker. */
export function planUnit(plan: Plan, atOnce: number | undefined): 'batch' | 'worker' {
  return runsInRounds(plan, atOnce) ? 'batch' : 'worker';
}

/** A worker of this machine's engine by name, as the chart, the batch table and the CLI show it: "w1". */
export function workerName(worker: number): string {
  return `w${worker}`;
}

/** What ran a batch, in one word: its Ray node's address, or the worker here. */
export function runnerName(b: { worker: number; node?: { ip: string } | null }): string {
  return b.node ? b.node.ip : workerName(b.worker);
}

/** A plan's bar by name: "w1" when each batch has a worker of its own, else "batch 1". */
export function planRowName(plan: Plan, index: number, atOnce: number | undefined): string {
  return runsInRounds(plan, atOnce) ? `batch ${index}` : workerName(index);
}

/**
 * "200K rows on 2 workers · an even share is 100K rows each · the busiest worker has 0.8% more
 * than that"; with more batches than run at once, "200K rows in 4 batches · ... · the busiest
 * batch has ...", as the workers are fewer (the concurrency note says how many).
 */
export function balanceInWords(plan: Plan, atOnce?: number): string {
  const n = plan.workers.length;
  const rows = `${formatCount(plan.totalRows)} rows`;
  if (n <= 1) return `${rows} on 1 worker`;
  const unit = planUnit(plan, atOnce);
  const over = Math.max(0, (plan.makespanRatio - 1) * 100);
  const busiest = over < 0.05 ? `every ${unit} has an even share` : `the busiest ${unit} has ${over.toFixed(1)}% more than that`;
  const by = plan.balancedBy === 'bytes' ? ", balanced by the column's bytes (text of uneven length)" : '';
  const spread = unit === 'batch' ? `in ${n} batches` : `on ${n} workers`;
  return `${rows} ${spread}${by} · an even share is ${formatWork(plan, evenShare(plan))} each · ${busiest}`;
}

/** "2 run at a time: 2 CPUs; the other 2 batches wait for a free worker", or undefined when all run at once. */
export function concurrencyInWords(batches: number, atOnce: number, reason: string): string | undefined {
  if (atOnce >= batches) return undefined;
  const waiting = batches - atOnce;
  return `${atOnce} run at a time: ${reason}; the other ${waiting} batch${waiting === 1 ? ' waits' : 'es wait'} for a free worker`;
}
