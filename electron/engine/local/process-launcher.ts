/**
 * How an engine process is started. Two launchers, one channel interface:
 * - PythonLauncher (plain Node): spawns the Python engine directly; JSON lines over stdio.
 * - RelayLauncher: forks electron/worker (a small Node script) which spawns Python and relays.
 *   Inside Electron it is forked with utilityProcess (see electron/main/utility-launcher.ts);
 *   under Node with child_process.fork, which is how the relay is tested.
 */
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { engineArgs, engineEnv, pythonExecutable } from '../python-env.js';
import { APP_LAYOUT } from '../app-layout.js';
import { ChannelListeners } from './channel-listeners.js';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** The last lines the process wrote to stderr: usually the reason it died. */
  stderrTail: string;
}

export interface EngineChannel {
  readonly pid: number | undefined;
  send(message: object): void;
  onMessage(listener: (message: Record<string, unknown>) => void): void;
  onExit(listener: (info: ExitInfo) => void): void;
  /** Ask it to stop: closes its input; the engine exits when it sees that. */
  close(): void;
  kill(signal?: NodeJS.Signals): void;
}

export interface ProcessLauncher {
  readonly kind: string;
  /** Its engines are ready in milliseconds (forked from a warm engine), not after importing pylance. */
  readonly startsQuickly?: boolean;
  launch(): EngineChannel;
}

/** Keeps the last few KB of a stream for error messages, without holding everything. */
export class StderrTail {
  private text = '';
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-4000);
  }
  toString(): string {
    return this.text.trim().split('\n').slice(-12).join('\n');
  }
}

/** The engine's interpreter: a path, or asked at each start (an engine set up meanwhile is used by the next worker). */
export type PythonChoice = string | (() => string);
const pythonOf = (p: PythonChoice): string => (typeof p === 'function' ? p() : p);

export class PythonLauncher implements ProcessLauncher {
  readonly kind = 'child_process';
  /** lanes > 1: each engine runs that many calls at once (see LaneLauncher, which shares it among slots). */
  constructor(
    private readonly python: PythonChoice = pythonExecutable,
    readonly lanes = 1,
  ) {}
  launch(): EngineChannel {
    const python = pythonOf(this.python);
    return takeEarlyEngine(python, this.lanes) ?? spawnEngine(python, this.lanes);
  }
}

function spawnEngine(python: string, lanes: number): EngineChannel {
  const child = spawn(python, engineArgs(lanes), { env: engineEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  return channelFromChild(child, 'lines');
}

/** Engines started before the caller's code had loaded, each waiting for the first launch of its kind. */
const earlyEngines: Array<{ python: string; lanes: number; channel: EngineChannel }> = [];

/**
 * Start n engines now, to be handed to the next n launches of the same interpreter and lanes. The
 * CLI calls this before loading its main code (electron/cli/launch.ts), so Python's ~0.3 s import
 * of pylance runs while Node is still reading the CLI bundle, instead of after it. Never throws:
 * an engine that can't be located or started now is left to the normal launch, which says why.
 */
export function startEnginesEarly(n: number, lanes = 1): void {
  try {
    const python = pythonExecutable();
    for (let i = 0; i < n; i++) earlyEngines.push({ python, lanes, channel: spawnEngine(python, lanes) });
  } catch {
    // e.g. no engine set up yet: the command's own launch says what to do
  }
}

function takeEarlyEngine(python: string, lanes: number): EngineChannel | undefined {
  const i = earlyEngines.findIndex((e) => e.python === python && e.lanes === lanes);
  return i < 0 ? undefined : earlyEngines.splice(i, 1)[0]!.channel;
}

/** Forks the relay worker (out/node/worker.js) with child_process. */
export class RelayLauncher implements ProcessLauncher {
  readonly kind = 'child_process (relay)';
  constructor(private readonly workerScript: string, private readonly python: PythonChoice = pythonExecutable) {}
  launch(): EngineChannel {
    const child = fork(this.workerScript, [], { env: relayEnv(pythonOf(this.python)), stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'json' });
    return channelFromChild(child, 'ipc');
  }
}

/** The relay starts the Python it is told (LANCE_INDEX_PYTHON), so it needs no data folder of its own. */
export function relayEnv(python: string): NodeJS.ProcessEnv {
  // The relay finds the engine where this process does: a utility process is no packaged app of
  // its own, so it is told the root rather than left to find it.
  return { ...engineEnv(), LANCE_INDEX_PYTHON: python, LANCE_INDEX_ROOT: APP_LAYOUT.root };
}

function channelFromChild(child: ChildProcess, mode: 'lines' | 'ipc'): EngineChannel {
  const tail = new StderrTail();
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => tail.push(c));
  const listeners = new ChannelListeners();
  const deliver = (m: unknown) => listeners.deliver(m);
  if (mode === 'lines') {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.trim()) return;
      try {
        deliver(JSON.parse(line));
      } catch {
        tail.push(`(non-protocol output) ${line}\n`);
      }
    });
  } else {
    child.on('message', deliver);
  }
  // stdin errors (EPIPE after the child died) are reported through the exit event instead.
  child.stdin?.on('error', () => undefined);
  let exited = false;
  const onGone = (code: number | null, signal: string | null) => {
    if (exited) return;
    exited = true;
    // Let stderr drain so the tail holds the reason, then report.
    setImmediate(() => listeners.exited({ code, signal, stderrTail: tail.toString() }));
  };
  // Spoken over stdout, the engine is gone for us on 'close', which comes after its output has
  // been read to the end: a line written just before it died (the commit's announcement) is never
  // lost. The relay's messages come over IPC, and its grandchild Python shares its stderr, which
  // could hold 'close' back: 'exit' there.
  child.on(mode === 'lines' ? 'close' : 'exit', onGone);
  child.on('error', (err) => {
    tail.push(String(err.message));
    onGone(null, null);
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (exited) return;
      if (mode === 'lines') child.stdin?.write(JSON.stringify(message) + '\n');
      else child.send(message);
    },
    onMessage: (l) => listeners.onMessage(l),
    onExit: (l) => listeners.onExit(l),
    close() {
      if (mode === 'lines') child.stdin?.end();
      else if (child.connected) child.disconnect();
    },
    kill(signal = 'SIGTERM') {
      if (!exited) child.kill(signal);
    },
  };
}
