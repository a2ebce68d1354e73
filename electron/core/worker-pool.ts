/**
 * A pool of engine processes, started on demand and kept warm between builds. A caller leases a
 * slot for one task and releases it; a slot whose process died is replaced on the next lease.
 */
import type { ProcessLauncher } from './process-launcher.js';
import { WorkerSlot, type CallOptions, type EngineInfo } from './worker-slot.js';

interface Waiter {
  limit: number;
  avoid: number | undefined;
  resolve: (slot: WorkerSlot) => void;
}

export interface LeaseOptions {
  /** Use only slots 0..limit-1 (a build with 2 batches uses 2 workers even if the pool has 4). */
  limit?: number;
  /** Prefer any other slot (a retry goes to another worker when there is one). */
  avoid?: number;
}

export class WorkerPool {
  private readonly slots: Array<WorkerSlot | undefined> = [];
  private readonly leased: boolean[] = [];
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly launcher: ProcessLauncher,
    private readonly readyTimeoutMs = 120_000,
  ) {}

  /** Start processes for slots 0..n-1 that have none, in parallel, without waiting. */
  warm(n: number): void {
    for (let i = 0; i < n; i++) if (!this.live(i)) this.start(i);
  }

  /** The engine's versions, from whichever slot is (or becomes) ready first. */
  async engineInfo(): Promise<EngineInfo> {
    const slot = this.live(0) ?? this.start(0);
    return slot.ready;
  }

  pids(): number[] {
    return this.slots.flatMap((s) => (s && s.state !== 'dead' && s.pid ? [s.pid] : []));
  }

  async lease(opts: LeaseOptions = {}): Promise<WorkerSlot> {
    if (this.closed) throw new Error('worker pool is closed');
    const limit = Math.max(1, opts.limit ?? Math.max(1, this.slots.length));
    const i = this.pick(limit, opts.avoid);
    const slot =
      i !== undefined
        ? this.take(i)
        : await new Promise<WorkerSlot>((resolve) => this.waiters.push({ limit, avoid: opts.avoid, resolve }));
    try {
      await slot.ready;
    } catch (err) {
      this.release(slot); // a process that couldn't start must not keep its slot leased
      throw err;
    }
    return slot;
  }

  release(slot: WorkerSlot): void {
    this.leased[slot.index] = false;
    for (let w = 0; w < this.waiters.length; w++) {
      const waiter = this.waiters[w]!;
      const i = this.pick(waiter.limit, waiter.avoid);
      if (i !== undefined) {
        this.waiters.splice(w, 1);
        waiter.resolve(this.take(i));
        w--;
      }
    }
  }

  /** Lease any slot, make one call, release it. */
  async call<T>(method: string, params: object, opts: CallOptions & LeaseOptions = {}): Promise<T> {
    const slot = await this.lease(opts);
    try {
      return await slot.call<T>(method, params, opts);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s?.stop()));
  }

  /** Kill every process now (cancel): pending calls reject; slots restart on next lease. */
  killAll(): void {
    for (const s of this.slots) s?.kill();
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

  private take(i: number): WorkerSlot {
    this.leased[i] = true;
    return this.live(i) ?? this.start(i);
  }

  /** An unleased slot index below limit: idle before starting before not-yet-started; `avoid` last. */
  private pick(limit: number, avoid: number | undefined): number | undefined {
    let best: number | undefined;
    let bestScore = Infinity;
    for (let i = 0; i < limit; i++) {
      if (this.leased[i]) continue;
      // A retry waits for another worker rather than reuse the one it failed on, unless there is none.
      if (i === avoid && limit > 1) continue;
      const s = this.live(i);
      const score = !s ? 2 : s.state === 'idle' ? 0 : 1;
      if (score < bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }
}
