/**
 * The pool's leasing rules, with an in-memory launcher (pure logic: the real processes are
 * covered by test/faults and test/integration).
 */
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '@engine/local/worker-pool.js';
import type { EngineChannel, ExitInfo, ProcessLauncher } from '@engine/local/process-launcher.js';

class FakeLauncher implements ProcessLauncher {
  readonly kind = 'fake';
  launched: FakeChannel[] = [];
  constructor(private readonly failStart = false) {}
  launch(): EngineChannel {
    const ch = new FakeChannel(this.launched.length + 100, this.failStart);
    this.launched.push(ch);
    return ch;
  }
}

class FakeChannel implements EngineChannel {
  private onMsg: Array<(m: Record<string, unknown>) => void> = [];
  private onEnd: Array<(i: ExitInfo) => void> = [];
  constructor(
    readonly pid: number,
    failStart: boolean,
  ) {
    queueMicrotask(() => (failStart ? this.die(1) : this.emit({ ready: true, pid, pylance: '10.0.0', pyarrow: '26', python: '3.11', startup_s: 0 })));
  }
  private emit(m: Record<string, unknown>) {
    this.onMsg.forEach((l) => l(m));
  }
  die(code: number | null, signal: string | null = null) {
    queueMicrotask(() => this.onEnd.forEach((l) => l({ code, signal, stderrTail: 'boom' })));
  }
  send(message: object) {
    const m = message as { id?: number; method?: string };
    if (m.method === 'echo') queueMicrotask(() => this.emit({ id: m.id, ok: true, result: { pid: this.pid } }));
    // 'hang' never answers: it stays in flight until the process dies.
  }
  onMessage(l: (m: Record<string, unknown>) => void) {
    this.onMsg.push(l);
  }
  onExit(l: (i: ExitInfo) => void) {
    this.onEnd.push(l);
  }
  close() {
    this.die(0);
  }
  kill() {
    this.die(null, 'SIGKILL');
  }
}

describe('WorkerPool', () => {
  it('starts processes only when leased, and reuses an idle one', async () => {
    const launcher = new FakeLauncher();
    const pool = new WorkerPool(launcher);
    expect(launcher.launched).toHaveLength(0);
    await pool.call('echo', {});
    await pool.call('echo', {});
    expect(launcher.launched).toHaveLength(1);
    await pool.close();
  });

  it("never leases a group more slots than its limit, and queues the rest until one of the group's is released", async () => {
    const pool = new WorkerPool(new FakeLauncher());
    const build = {};
    const a = await pool.lease({ group: build, limit: 2 });
    const b = await pool.lease({ group: build, limit: 2 });
    expect(new Set([a.index, b.index])).toEqual(new Set([0, 1]));
    let third: number | undefined;
    const waiting = pool.lease({ group: build, limit: 2 }).then((s) => (third = s.index));
    await Promise.resolve();
    expect(third).toBeUndefined();
    pool.release(b);
    await waiting;
    expect(third).toBe(b.index);
    await pool.close();
  });

  it("two groups (two builds, or a build and a query) each get workers of their own, neither waits for the other's", async () => {
    const pool = new WorkerPool(new FakeLauncher());
    const first = {};
    const second = {};
    const mine = [await pool.lease({ group: first, limit: 2 }), await pool.lease({ group: first, limit: 2 })];
    const theirs = [await pool.lease({ group: second, limit: 2 }), await pool.lease({ group: second, limit: 2 })];
    const query = await pool.lease();
    expect(new Set([...mine, ...theirs, query].map((s) => s.index)).size).toBe(5);
    await pool.close();
  });

  it('reuses an idle worker before starting one, and a retry avoids the worker it failed on', async () => {
    const launcher = new FakeLauncher();
    const pool = new WorkerPool(launcher);
    const s = await pool.lease({ group: {}, limit: 1 });
    pool.release(s);
    expect((await pool.lease({ group: {}, limit: 1 })).index).toBe(s.index);
    const retry = await pool.lease({ group: {}, limit: 1, avoid: s.index });
    expect(retry.index).not.toBe(s.index);
    await pool.close();
    const fresh = new WorkerPool(new FakeLauncher());
    expect((await fresh.lease({ avoid: 0 })).index).not.toBe(0); // even when no worker exists yet
    await fresh.close();
  });

  it('rejects the pending call the moment its process dies, then replaces the process on the next lease', async () => {
    const launcher = new FakeLauncher();
    const pool = new WorkerPool(launcher);
    const slot = await pool.lease();
    const pending = slot.call('hang', {});
    launcher.launched[0]!.kill();
    await expect(pending).rejects.toThrow(/worker 0 \(pid 100\) died: killed by SIGKILL\. Its last output:\nboom/);
    pool.release(slot);
    const r = await pool.call<{ pid: number }>('echo', {});
    expect(r.pid).toBe(101);
    await pool.close();
  });

  it('a killed worker is never leased again, even before its exit is seen (a cleanup after a cancel must not meet it)', async () => {
    const launcher = new FakeLauncher();
    const pool = new WorkerPool(launcher);
    const slot = await pool.lease();
    slot.kill(); // its exit arrives later; until then the process still looks idle
    pool.release(slot);
    const r = await pool.call<{ pid: number }>('echo', {});
    expect(r.pid).toBe(101); // a new process answered, not the dying one
    expect(launcher.launched).toHaveLength(2);
    await pool.close();
  });

  it('a process that fails to start is reported and does not keep its slot', async () => {
    const pool = new WorkerPool(new FakeLauncher(true));
    await expect(pool.lease()).rejects.toThrow(/could not start: exit code 1/);
    await expect(pool.lease()).rejects.toThrow(/could not start/); // slot 0 was released, tried again
  });
});
