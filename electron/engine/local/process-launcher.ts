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
  constructor(private readonly python: PythonChoice = pythonExecutable) {}
  launch(): EngineChannel {
    const child = spawn(pythonOf(this.python), engineArgs(), { env: engineEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    return channelFromChild(child, 'lines');
  }
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
  const messageListeners: Array<(m: Record<string, unknown>) => void> = [];
  const exitListeners: Array<(i: ExitInfo) => void> = [];
  const deliver = (m: unknown) => {
    if (m && typeof m === 'object') for (const l of messageListeners) l(m as Record<string, unknown>);
  };
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
    setImmediate(() => exitListeners.forEach((l) => l({ code, signal, stderrTail: tail.toString() })));
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
    onMessage(l) {
      messageListeners.push(l);
    },
    onExit(l) {
      exitListeners.push(l);
    },
    close() {
      if (mode === 'lines') child.stdin?.end();
      else if (child.connected) child.disconnect();
    },
    kill(signal = 'SIGTERM') {
      if (!exited) child.kill(signal);
    },
  };
}
