/**
 * One engine process and the calls in flight on it. Replies are matched to calls by id, progress
 * events go to the call's listener, and the moment the process dies every pending call is
 * rejected (no timeout needed to notice).
 */
import type { EngineChannel, ExitInfo, ProcessLauncher } from './process-launcher.js';
import { RetryableError, StudioError, WorkerDiedError } from '../engine-errors.js';
import { ErrorKindSchema, type ErrorKind } from '@shared/contract/build.js';
import type { EngineInfo } from '../engine.js';

/** What a local engine process says in its ready message: the engine's versions, and the process. */
export interface ProcessInfo extends EngineInfo {
  pid: number;
  startupS: number;
}

export interface CallOptions {
  onEvent?: (event: Record<string, unknown>) => void;
  signal?: AbortSignal;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onEvent?: (event: Record<string, unknown>) => void;
}

export type SlotState = 'starting' | 'idle' | 'busy' | 'dead';

const KNOWN_KINDS: readonly ErrorKind[] = ErrorKindSchema.options;

export class WorkerSlot {
  state: SlotState = 'starting';
  info: ProcessInfo | undefined;
  exitInfo: ExitInfo | undefined;
  readonly ready: Promise<ProcessInfo>;
  private readonly channel: EngineChannel;
  private readonly pending = new Map<number, Pending>();
  /** Call ids are unique in this Node process: slots that share an engine (LaneLauncher) share its id space. */
  private static nextId = 1;
  private readonly exitListeners: Array<(info: ExitInfo) => void> = [];

  constructor(
    readonly index: number,
    launcher: ProcessLauncher,
    readyTimeoutMs = 120_000,
  ) {
    this.channel = launcher.launch();
    this.ready = new Promise<ProcessInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new StudioError(`Worker ${index} did not start within ${readyTimeoutMs / 1000} s.`, 'engine'));
        this.kill();
      }, readyTimeoutMs);
      this.channel.onMessage((m) => {
        if (m.ready === true) {
          clearTimeout(timer);
          this.info = { pid: Number(m.pid), pylance: String(m.pylance), pyarrow: String(m.pyarrow), python: String(m.python), startupS: Number(m.startup_s) };
          this.state = 'idle';
          resolve(this.info);
        } else this.onMessage(m);
      });
      this.channel.onExit((info) => {
        clearTimeout(timer);
        this.state = 'dead';
        this.exitInfo = info;
        const why = describeExit(info);
        reject(new StudioError(`The Python engine (worker ${index}) could not start: ${why}`, 'engine'));
        const err = new WorkerDiedError(`worker ${index} (pid ${this.channel.pid}) died: ${why}`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.exitListeners.forEach((l) => l(info));
      });
    });
    // A start failure is reported to whoever awaits `ready`; don't crash on an unobserved one.
    this.ready.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.channel.pid;
  }

  onExit(listener: (info: ExitInfo) => void): void {
    this.exitListeners.push(listener);
  }

  async call<T>(method: string, params: object, opts: CallOptions = {}): Promise<T> {
    await this.ready;
    if (this.state === 'dead') throw new WorkerDiedError(`worker ${this.index} is not running`);
    const id = WorkerSlot.nextId++;
    return new Promise<T>((resolve, reject) => {
      const abort = () => this.channel.send({ cancel: id });
      if (opts.signal?.aborted) return reject(new StudioError('cancelled', 'cancelled'));
      opts.signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, {
        resolve: (v) => {
          opts.signal?.removeEventListener('abort', abort);
          resolve(v as T);
        },
        reject: (e) => {
          opts.signal?.removeEventListener('abort', abort);
          reject(e);
        },
        onEvent: opts.onEvent,
      });
      this.channel.send({ id, method, params });
    });
  }

  private onMessage(m: Record<string, unknown>): void {
    const p = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!p) return;
    if ('event' in m) {
      p.onEvent?.(m.event as Record<string, unknown>);
      return;
    }
    this.pending.delete(m.id as number);
    if (m.ok) p.resolve(m.result);
    else {
      const e = (m.error ?? {}) as { kind?: string; message?: string; trace?: string; retryable?: boolean };
      const kind = KNOWN_KINDS.includes(e.kind as ErrorKind) ? (e.kind as ErrorKind) : 'internal';
      if (e.trace && process.env.LANCE_INDEX_DEBUG) process.stderr.write(e.trace);
      const Failure = e.retryable === true ? RetryableError : StudioError;
      p.reject(new Failure(e.message ?? 'unknown engine error', kind));
    }
  }

  /** Graceful: close its input (the engine exits at once); SIGKILL if it hasn't gone in a second. */
  async stop(graceMs = 1000): Promise<void> {
    if (this.state === 'dead') return;
    const gone = new Promise<void>((r) => this.onExit(() => r()));
    this.channel.close();
    const timer = setTimeout(() => this.kill(), graceMs);
    await gone;
    clearTimeout(timer);
  }

  /**
   * Killed is as good as dead from here on: until its exit is seen the process may still look
   * idle, and a lease must not hand it to the next call (a cleanup after a cancel would die with it).
   */
  kill(): void {
    this.state = 'dead';
    this.channel.kill('SIGKILL');
  }
}

function describeExit(info: ExitInfo): string {
  const missing = /spawn (\S+) ENOENT/.exec(info.stderrTail);
  if (missing) return `${missing[1]} was not found (spawn ENOENT)`;
  const how = info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`;
  return info.stderrTail ? `${how}. Its last output:\n${info.stderrTail}` : how;
}
