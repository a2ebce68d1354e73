import type { ExitInfo } from './process-launcher.js';

/**
 * The listeners of one channel. What the engine says before anyone listens is kept for the first
 * listener (a channel started early, startEnginesEarly, may hear its engine before its slot
 * exists), and a listener added after the exit still hears it.
 */
export class ChannelListeners {
  private readonly messageListeners: Array<(m: Record<string, unknown>) => void> = [];
  private readonly exitListeners: Array<(i: ExitInfo) => void> = [];
  private readonly unheard: Array<Record<string, unknown>> = [];
  private exitInfo: ExitInfo | undefined;

  deliver(m: unknown): void {
    if (!m || typeof m !== 'object') return;
    if (this.messageListeners.length === 0) this.unheard.push(m as Record<string, unknown>);
    for (const l of this.messageListeners) l(m as Record<string, unknown>);
  }
  exited(info: ExitInfo): void {
    this.exitInfo = info;
    this.exitListeners.forEach((l) => l(info));
  }
  onMessage(l: (m: Record<string, unknown>) => void): void {
    this.messageListeners.push(l);
    for (const m of this.unheard.splice(0)) l(m);
  }
  onExit(l: (i: ExitInfo) => void): void {
    this.exitListeners.push(l);
    if (this.exitInfo) {
      const info = this.exitInfo;
      setImmediate(() => l(info));
    }
  }
}
