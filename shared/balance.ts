/**
 * The one balancing rule of the app: largest fragment first, each onto the worker with the
 * least work so far (LPT scheduling). The core's planner, the CLI's `plan` and the window's
 * balance chart all call this, so the chart previews exactly what will run.
 *
 * O(n log n + n log k): one sort, then a binary heap over the k workers.
 */
import type { Plan, WorkerLoad } from './contract/build.js';

export interface SizedFragment {
  id: number;
  /** Live rows; null when the size could not be read (an estimate is used, with a warning). */
  rows: number | null;
  /** Bytes of the indexed column, when balancing by bytes. */
  bytes?: number | null;
}

/** What the work of a batch is measured in: rows, or the indexed column's bytes (text of uneven length). */
export type BalanceMeasure = 'rows' | 'bytes';

/** Min-heap of workers keyed by (load, worker index): ties go to the lower-numbered worker. */
class WorkerHeap {
  private readonly load: Float64Array;
  private readonly heap: Int32Array;
  constructor(k: number) {
    this.load = new Float64Array(k);
    this.heap = Int32Array.from({ length: k }, (_, i) => i);
  }
  private less(a: number, b: number): boolean {
    const la = this.load[a]!;
    const lb = this.load[b]!;
    return la < lb || (la === lb && a < b);
  }
  /** Adds `rows` to the least-loaded worker and returns that worker. */
  assign(rows: number): number {
    const h = this.heap;
    const w = h[0]!;
    this.load[w] = this.load[w]! + rows;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(h[l]!, h[m]!)) m = l;
      if (r < n && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      const tmp = h[i]!;
      h[i] = h[m]!;
      h[m] = tmp;
      i = m;
    }
    return w;
  }
}

/**
 * Positions sorted largest first, equal sizes in fragment-id order (so plans are reproducible).
 * A numeric sort of packed keys (size * n + rank) is ~10x faster than a comparator sort, which
 * is what keeps a million fragments well under a second; it needs integer sizes whose packed
 * keys stay below 2^53, and falls back to the comparator otherwise.
 */
function largestFirst(sizes: Float64Array, idOf: Float64Array): Uint32Array {
  const n = sizes.length;
  const byId = new Uint32Array(n);
  for (let i = 0; i < n; i++) byId[i] = i;
  let idsAscending = true;
  for (let i = 1; i < n && idsAscending; i++) idsAscending = idOf[i - 1]! < idOf[i]!;
  if (!idsAscending) byId.sort((a, b) => idOf[a]! - idOf[b]!);
  let maxSize = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const s = sizes[i]!;
    if (s > maxSize) maxSize = s;
    if (integral && !Number.isInteger(s)) integral = false;
  }
  const order = new Uint32Array(n);
  if (integral && (maxSize + 1) * n < Number.MAX_SAFE_INTEGER) {
    // rank = position in id order; key descending = size descending, then id ascending.
    const keys = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const i = byId[r]!;
      keys[r] = sizes[i]! * n + (n - 1 - r);
    }
    keys.sort();
    for (let j = 0; j < n; j++) {
      const key = keys[n - 1 - j]!;
      order[j] = byId[n - 1 - (key % n)]!;
    }
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => sizes[b]! - sizes[a]! || idOf[a]! - idOf[b]!);
  return order;
}

export function balanceFragments(fragments: readonly SizedFragment[], requestedWorkers: number, by: BalanceMeasure = 'rows'): Plan {
  if (!Number.isInteger(requestedWorkers) || requestedWorkers < 1) {
    throw new RangeError(`workers must be a positive whole number, got ${requestedWorkers}`);
  }
  const n = fragments.length;
  const warnings: string[] = [];
  const sizes = new Float64Array(n);
  const rowsOf = new Float64Array(n);
  // Ids copied once, in order: later random access then hits a compact typed array, not 1M objects.
  const idOf = new Float64Array(n);
  const unknown: number[] = [];
  let knownTotal = 0;
  let knownCount = 0;
  for (let i = 0; i < n; i++) {
    const f = fragments[i]!;
    idOf[i] = f.id;
    rowsOf[i] = f.rows !== null && Number.isFinite(f.rows) && f.rows >= 0 ? f.rows : 0;
    const size = by === 'bytes' ? f.bytes : f.rows;
    if (size === null || size === undefined || !Number.isFinite(size) || size < 0) unknown.push(i);
    else {
      sizes[i] = size;
      knownTotal += size;
      knownCount++;
    }
  }
  if (unknown.length > 0) {
    const estimate = knownCount > 0 ? Math.round(knownTotal / knownCount) : 1;
    for (const i of unknown) sizes[i] = estimate;
    const ids = unknown.slice(0, 5).map((i) => fragments[i]!.id);
    warnings.push(
      `${by === 'bytes' ? 'Column sizes' : 'Row counts'} of ${unknown.length} fragment(s) could not be read (ids ${ids.join(', ')}${unknown.length > 5 ? ', ...' : ''}); ` +
        `planned with an estimate of ${estimate} ${by} each.`,
    );
  }

  const order = largestFirst(sizes, idOf);

  const k = Math.min(requestedWorkers, Math.max(n, 1));
  const heap = new WorkerHeap(k);
  const owner = new Int32Array(n);
  const loadPerWorker = new Float64Array(k);
  const rowsPerWorker = new Float64Array(k);
  const countPerWorker = new Int32Array(k);
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const w = heap.assign(sizes[i]!);
    owner[j] = w;
    loadPerWorker[w] = loadPerWorker[w]! + sizes[i]!;
    rowsPerWorker[w] = rowsPerWorker[w]! + rowsOf[i]!;
    countPerWorker[w] = countPerWorker[w]! + 1;
  }
  const ids: number[][] = Array.from({ length: k }, (_, w) => new Array<number>(countPerWorker[w]!));
  const fill = new Int32Array(k);
  for (let j = 0; j < n; j++) {
    const w = owner[j]!;
    ids[w]![fill[w]!] = idOf[order[j]!]!;
    fill[w] = fill[w]! + 1;
  }

  let total = 0;
  let totalRows = 0;
  for (let w = 0; w < k; w++) {
    total += loadPerWorker[w]!;
    totalRows += rowsPerWorker[w]!;
  }
  const workers: WorkerLoad[] = [];
  for (let w = 0; w < k; w++) {
    if (countPerWorker[w] === 0) continue; // empty batches are dropped
    workers.push({
      worker: workers.length,
      fragmentIds: ids[w]!,
      rows: by === 'rows' ? loadPerWorker[w]! : rowsPerWorker[w]!,
      ...(by === 'bytes' ? { bytes: loadPerWorker[w]! } : {}),
      share: total > 0 ? (loadPerWorker[w]! / total) * 100 : 100 / k,
    });
  }
  if (requestedWorkers > workers.length && n > 0) {
    warnings.push(`${requestedWorkers} workers requested but there are only ${n} fragment(s); using ${workers.length}.`);
  }
  // The ideal and the balance are in the measure balanced by; the rows are always rows.
  const ideal = workers.length > 0 ? total / workers.length : 0;
  const largest = workers.reduce((m, w) => Math.max(m, by === 'bytes' ? w.bytes! : w.rows), 0);
  return {
    workers,
    requestedWorkers,
    totalRows: by === 'rows' ? total : totalRows,
    idealRows: workers.length > 0 ? (by === 'rows' ? total : totalRows) / workers.length : 0,
    makespanRatio: ideal > 0 ? largest / ideal : 1,
    balancedBy: by,
    warnings,
  };
}
