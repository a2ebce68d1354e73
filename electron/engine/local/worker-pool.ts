/**
 * A pool of engine processes, started on demand and kept warm between builds. A caller leases a
 * slot for one task and releases it; a slot whose process died is replaced on the next lease.
 *
 * Leases belong to a group (a build; everything else shares one group) with its own limit, so a
 * build with 2 batches holds at most 2 workers while another build, or a query, gets workers of
 * its own instead of waiting behind it.
 */
import type { ProcessLauncher } from './process-launcher.js';
import { WorkerSlot, type CallOptions, type ProcessInfo } from './worker-slot.js';

interface Waiter {
  group: object;
  limit: number;
  avoid: number | undefined;
  resolve: (slot: WorkerSlot) => void;
}

export interface LeaseOptions {
  /** Whose lease this is (one object per build); leases without one share a group. */
  group?: object;
  /** At most this many slots leased by the group at once; the rest wait. */
  limit?: number;
  /** Prefer any other slot (a retry goes to another worker). */
  avoid?: number;
}

/** Calls that aren't a build's batches (describe, commit, queries): a few at a time. */
const SHARED_GROUP = {};
const SHARED_LIMIT = 2;

export class WorkerPool {
  private readonly slots: Array<WorkerSlot | undefined> = [];
  /** The group holding each leased slot. */
  private readonly holders = new Map<number, object>();
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly launcher: ProcessLauncher,
    private readonly readyTimeoutMs = 120_000,
  ) {}

  /** Start processes until at least n are alive, in parallel, without waiting. */
  warm(n: number): void {
    let alive = this.slots.filter((s) => s && s.state !== 'dead').length;
    for (let i = 0; alive < n; i++) {
      if (!this.live(i)) {
        this.start(i);
        alive++;
      }
    }
  }

  /** The engine's versions, from whichever slot is (or becomes) ready first. */
  async engineInfo(): Promise<ProcessInfo> {
    const slot = this.live(0) ?? this.start(0);
    return slot.ready;
  }

  pids(): number[] {
    return this.slots.flatMap((s) => (s && s.state !== 'dead' && s.pid ? [s.pid] : []));
  }

  async lease(opts: LeaseOptions = {}): Promise<WorkerSlot> {
    if (this.closed) throw new Error('worker pool is closed');
    const group = opts.group ?? SHARED_GROUP;
    const limit = Math.max(1, opts.limit ?? (group === SHARED_GROUP ? SHARED_LIMIT : 1));
    const slot = this.held(group) < limit
      ? this.take(this.pick(opts.avoid), group)
      : await new Promise<WorkerSlot>((resolve) => this.waiters.push({ group, limit, avoid: opts.avoid, resolve }));
    try {
      await slot.ready;
    } catch (err) {
      this.release(slot); // a process that couldn't start must not keep its slot leased
      throw err;
    }
    return slot;
  }

  release(slot: WorkerSlot): void {
    this.holders.delete(slot.index);
    for (let w = 0; w < this.waiters.length; w++) {
      const waiter = this.waiters[w]!;
      if (this.held(waiter.group) >= waiter.limit) continue;
      this.waiters.splice(w, 1);
      waiter.resolve(this.take(this.pick(waiter.avoid), waiter.group));
      w--;
    }
  }

  /** Lease a slot, make one call, release it. */
  async call<T>(method: string, params: object, opts: CallOptions & LeaseOptions = {}): Promise<T> {
    const slot = await this.lease(opts);
    try {
      return await slot.call<T>(method, params, opts);
    } finally {
      this.release(slot);
    }
  }

  /**
   * Stops every process but keeps the pool open: the next lease starts fresh ones (after the
   * engine's Python was changed). Only when nothing is leased: a build's workers are its own.
   */
  async restart(): Promise<void> {
    if (this.holders.size > 0) throw new Error('workers are busy');
    await Promise.all(this.slots.map((s) => s?.stop()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s?.stop()));
  }

  private held(group: object): number {
    let n = 0;
    for (const g of this.holders.values()) if (g === group) n++;
    return n;
  }

  private live(i: number): WorkerSlot | undefined {
    const s = this.slots[i];
    return s && s.state !== 'dead' ? s : undefined;
  }

  private start(i: number): WorkerSlot {
    const slot = new WorkerSlot(i, this.launcher, this.readyTimeoutMs);
    this.slots[i] = slot;
    return slot;
  }

  private take(i: number, group: object): WorkerSlot {
    this.holders.set(i, group);
    return this.live(i) ?? this.start(i);
  }

  /**
   * A free slot: an idle process first, then one still starting, then a dead or new one (a
   * process to start); `avoid` only when nothing else is free (a new slot always is).
   */
  private pick(avoid: number | undefined): number {
    let best = this.slots.length === avoid ? avoid + 1 : this.slots.length;
    let bestScore = 2;
    for (let i = 0; i < this.slots.length; i++) {
      if (this.holders.has(i) || i === avoid) continue;
      const s = this.live(i);
      const score = !s ? 2 : s.state === 'idle' ? 0 : 1;
      if (score < bestScore || (score === bestScore && i < best)) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }
}
