/**
 * The balance chart's rows, pure: each worker's planned load, and during a run how far its
 * batch is. The bar's length is the planned load; only its fill is progress, so a queued batch
 * (outline only) never reads as work done, and a failed one shows how far it got, not a full bar.
 */
import type { Plan } from '@shared/contract/build';
import type { BatchState } from '@shared/contract/build-state';
import { batchFraction } from '@shared/build-progress';
import { formatCount, formatDuration } from '@shared/format';
import { formatWork, planRowName, runnerName, runsInRounds, workOf } from '@shared/balance-words';

export type RowState = BatchState['state'] | 'planned';

export interface BalanceRow {
  name: string;
  rows: number;
  frags: number;
  share: number;
  /** Planned work (rows or bytes, as balanced) over the largest one: the bar's length, 0..1. */
  length: number;
  /** Progress of the batch: the bar's fill, 0..1 (0 for a planned or queued one). */
  fill: number;
  state: RowState;
  label: string;
}

const frags = (n: number) => `${n} frag${n === 1 ? '' : 's'}`;

function stateWords(b: BatchState, fill: number): string {
  const pct = `${Math.round(fill * 100)}%`;
  switch (b.state) {
    case 'running':
      return b.fraction === null ? 'running' : `running ${pct}`;
    case 'retrying':
      return `retrying (attempt ${b.attempt + 1})`;
    case 'done':
      return b.elapsedMs !== null ? `done in ${formatDuration(b.elapsedMs)}` : 'done';
    case 'failed':
      return fill > 0 ? `failed at ${pct}` : 'failed';
    case 'cancelled':
      return fill > 0 ? `cancelled at ${pct}` : 'cancelled';
    default:
      return 'queued';
  }
}

/** Where a started batch of a plan in rounds runs: its worker here, its node on Ray. */
function ranOn(b: BatchState): string {
  if (b.attempt === 0) return '';
  return ` · on ${runnerName(b)}`;
}

/**
 * `atOnce`: how many batches run at once. With fewer than the plan's batches, each bar is a
 * batch (named so) and, once it has started, says which worker runs it.
 */
export function balanceRows(plan: Plan, batches?: readonly BatchState[], atOnce?: number): BalanceRow[] {
  const largest = Math.max(1, ...plan.workers.map((w) => workOf(plan, w)));
  const byBytes = plan.balancedBy === 'bytes';
  const rounds = runsInRounds(plan, atOnce);
  return plan.workers.map((w, i) => {
    const b = batches?.[i];
    const fill = b ? batchFraction(b) : 0;
    const what = `${byBytes ? `${formatWork(plan, workOf(plan, w))} · ` : ''}${formatCount(w.rows)} rows · ${frags(w.fragmentIds.length)}`;
    return {
      name: planRowName(plan, i, atOnce),
      rows: w.rows,
      frags: w.fragmentIds.length,
      share: w.share,
      length: workOf(plan, w) / largest,
      fill,
      state: b ? b.state : 'planned',
      label: b ? `${what} · ${stateWords(b, fill)}${rounds ? ranOn(b) : ''}` : `${what} · ${w.share.toFixed(1)}% of the ${byBytes ? 'bytes' : 'rows'}`,
    };
  });
}

/** Round tick values for an axis from 0 to `max`: 1, 2 or 5 times a power of ten apart. */
export function axisTicks(max: number, wanted = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / wanted;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}
