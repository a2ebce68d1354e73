/**
 * How LaneLauncher shares engine processes among slots, with an in-memory base launcher (pure
 * logic: real lanes are covered by test/integration/engine-lanes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { LaneLauncher } from '@engine/local/lane-launcher.js';
import type { EngineChannel, ExitInfo, ProcessLauncher } from '@engine/local/process-launcher.js';

class FakeEngine implements EngineChannel {
  private readonly messageListeners: Array<(m: Record<string, unknown>) => void> = [];
  private readonly exitListeners: Array<(i: ExitInfo) => void> = [];
  closed = false;
  killed = false;
  constructor(readonly pid: number) {}
  say(m: Record<string, unknown>) {
    this.messageListeners.forEach((l) => l(m));
  }
  exit() {
    this.exitListeners.forEach((l) => l({ code: 0, signal: null, stderrTail: '' }));
  }
  send() {}
  onMessage(l: (m: Record<string, unknown>) => void) {
    this.messageListeners.push(l);
  }
  onExit(l: (i: ExitInfo) => void) {
    this.exitListeners.push(l);
  }
  close() {
    this.closed = true;
  }
  kill() {
    this.killed = true;
  }
}

class FakeBase implements ProcessLauncher {
  readonly kind = 'fake';
  started: FakeEngine[] = [];
  launch(): EngineChannel {
    const e = new FakeEngine(100 + this.started.length);
    this.started.push(e);
    return e;
  }
}

describe('LaneLauncher', () => {
  it('puts as many slots as it has lanes on one engine, then starts another', () => {
    const base = new FakeBase();
    const lanes = new LaneLauncher(2, base);
    const pids = [lanes.launch(), lanes.launch(), lanes.launch()].map((c) => c.pid);
    expect(base.started).toHaveLength(2);
    expect(pids).toEqual([100, 100, 101]);
  });

  it('tells a slot that attaches after the engine was ready that it is ready', () => {
    const base = new FakeBase();
    const lanes = new LaneLauncher(2, base);
    lanes.launch();
    base.started[0]!.say({ ready: true, pid: 100 });
    const heard: Array<Record<string, unknown>> = [];
    lanes.launch().onMessage((m) => heard.push(m));
    expect(heard).toEqual([{ ready: true, pid: 100 }]);
  });

  it('closes the engine only when every slot on it has closed', () => {
    const base = new FakeBase();
    const lanes = new LaneLauncher(2, base);
    const [a, b] = [lanes.launch(), lanes.launch()];
    a.close();
    a.close(); // twice is once
    expect(base.started[0]!.closed).toBe(false);
    b.close();
    expect(base.started[0]!.closed).toBe(true);
  });

  it('attaches no new slot to an engine that was killed or has exited', () => {
    const base = new FakeBase();
    const lanes = new LaneLauncher(4, base);
    lanes.launch().kill();
    expect(base.started[0]!.killed).toBe(true);
    expect(lanes.launch().pid).toBe(101);
    base.started[1]!.exit();
    expect(lanes.launch().pid).toBe(102);
  });
});
