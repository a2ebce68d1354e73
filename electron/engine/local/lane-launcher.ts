/**
 * Several worker slots on one engine process. The engine runs each call on a thread of its own
 * (`--lanes N`, lance_engine/server.py), and pylance releases the GIL while it builds, so two
 * batches on two lanes of one process take as long as on two processes, while the second
 * process's start (~0.3 s, competing for the cores) and its ~100 MiB are saved.
 *
 * The slots on a process live and die together: a kill (a cancel) stops the process, and every
 * slot on it sees it exit, so the pool replaces them all on their next lease. That is why the
 * CLI, which runs one build, uses lanes, and the window, which runs builds and queries side by
 * side and shows each batch's own CPU and memory, gives each slot a process of its own.
 */
import type { EngineChannel, ExitInfo, ProcessLauncher } from './process-launcher.js';
import { PythonLauncher } from './process-launcher.js';
import { pythonExecutable } from '../python-env.js';

interface SharedEngine {
  channel: EngineChannel;
  slots: number;
  open: number;
  /** Exited, or killed (its exit not seen yet): no new slot may attach to it. */
  exited: boolean;
  /** Its ready message, for the slots that attach after it came. */
  ready: Record<string, unknown> | undefined;
  listeners: Array<(m: Record<string, unknown>) => void>;
}

export class LaneLauncher implements ProcessLauncher {
  readonly kind: string;
  private current: SharedEngine | undefined;

  /** `base` must start engines that run `lanes` calls at once (the default does: `--lanes`). */
  constructor(
    readonly lanes: number,
    private readonly base: ProcessLauncher = new PythonLauncher(pythonExecutable, lanes),
  ) {
    this.kind = `${base.kind} (${lanes} lanes)`;
  }

  get startsQuickly(): boolean | undefined {
    return this.base.startsQuickly;
  }

  launch(): EngineChannel {
    const full = !this.current || this.current.exited || this.current.slots >= this.lanes;
    const engine = full ? this.startEngine() : this.current!;
    engine.slots++;
    engine.open++;
    return laneOf(engine);
  }

  private startEngine(): SharedEngine {
    const channel = this.base.launch();
    const engine: SharedEngine = { channel, slots: 0, open: 0, exited: false, ready: undefined, listeners: [] };
    channel.onMessage((m) => {
      if (m.ready === true) engine.ready = m;
      for (const l of engine.listeners) l(m);
    });
    channel.onExit(() => (engine.exited = true));
    this.current = engine;
    return engine;
  }
}

/** One slot's view of the shared engine: closing it closes the engine once no slot holds it open. */
function laneOf(engine: SharedEngine): EngineChannel {
  let closed = false;
  return {
    get pid() {
      return engine.channel.pid;
    },
    send: (message) => engine.channel.send(message),
    onMessage(listener) {
      engine.listeners.push(listener);
      if (engine.ready) listener(engine.ready);
    },
    onExit: (listener: (info: ExitInfo) => void) => engine.channel.onExit(listener),
    close() {
      if (closed) return;
      closed = true;
      if (--engine.open === 0) engine.channel.close();
    },
    kill(signal) {
      engine.exited = true;
      engine.channel.kill(signal);
    },
  };
}
