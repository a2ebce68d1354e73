/**
 * An engine forked from the warm engine, spoken to over its connection: the same EngineChannel
 * a spawned engine gives, so the pool and the lanes work unchanged.
 *
 * - The connection's first line asks for a child with the caller's lanes, environment and folder.
 * - The warm engine keeps its copy of the connection until the child is reaped, then says how it
 *   ended ({"exited": …}): that is the channel's exit, with the child's last stderr lines.
 * - kill() signals the child itself (its pid comes in its ready message): it stops alone, as a
 *   spawned engine would.
 * - If nothing answers the socket (the warm engine stopped since it was found), the channel
 *   starts a cold engine instead and replays what was sent: the caller never sees the difference.
 */
import { createConnection, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { ChannelListeners } from './channel-listeners.js';
import { PythonLauncher, StderrTail, type EngineChannel, type ExitInfo, type ProcessLauncher } from './process-launcher.js';
import { engineEnv } from '../python-env.js';

export class WarmLauncher implements ProcessLauncher {
  readonly kind = 'warm engine (forked)';
  readonly startsQuickly = true;
  constructor(
    private readonly socket: string,
    private readonly python: string,
    readonly lanes = 1,
  ) {}
  launch(): EngineChannel {
    return connectWarm(this.socket, this.lanes, () => new PythonLauncher(this.python, this.lanes).launch());
  }
}

/** The caller's environment as the engine would get it spawned (text values only). */
function helloEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(engineEnv()).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function connectWarm(socketPath: string, lanes: number, cold: () => EngineChannel): EngineChannel {
  const listeners = new ChannelListeners();
  const tail = new StderrTail();
  const sentBeforeConnect: object[] = [];
  let connected = false;
  let fallback: EngineChannel | undefined;
  let childPid: number | undefined;
  let ended: ExitInfo | undefined;
  let gone = false;

  const socket: Socket = createConnection(socketPath);
  socket.write(JSON.stringify({ hello: { lanes, env: helloEnv(), cwd: process.cwd() } }) + '\n');
  socket.on('connect', () => {
    connected = true;
    sentBeforeConnect.length = 0;
  });

  // Lines are read as they come, so the last one (the exit) is in before the socket's 'close'.
  const lines = createInterface({ input: socket });
  lines.on('error', () => undefined); // readline repeats the socket's errors: the socket's handler below decides
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(line) as Record<string, unknown>;
    } catch {
      tail.push(`(non-protocol output) ${line}\n`);
      return;
    }
    if (m.exited && typeof m.exited === 'object') ended = exitFrom(m.exited as Record<string, unknown>);
    else if (typeof m.protocol_error === 'string') tail.push(`the warm engine refused the connection: ${m.protocol_error}\n`);
    else {
      if (m.ready === true && Number.isInteger(m.pid)) childPid = m.pid as number;
      listeners.deliver(m);
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) {
      fallback = cold();
      fallback.onMessage((m) => listeners.deliver(m));
      fallback.onExit((info) => listeners.exited(info));
      for (const m of sentBeforeConnect.splice(0)) fallback.send(m);
      return;
    }
    tail.push(`${err.message}\n`);
  });
  socket.on('close', () => {
    if (fallback || gone) return;
    gone = true;
    const info = ended ?? { code: null, signal: null, stderrTail: tail.toString() || 'the warm engine closed the connection' };
    listeners.exited({ ...info, stderrTail: [tail.toString(), info.stderrTail].filter(Boolean).join('\n') });
  });

  return {
    get pid() {
      return fallback ? fallback.pid : childPid;
    },
    send(message) {
      if (fallback) return fallback.send(message);
      if (gone) return;
      if (!connected) sentBeforeConnect.push(message);
      socket.write(JSON.stringify(message) + '\n');
    },
    onMessage: (l) => listeners.onMessage(l),
    onExit: (l) => listeners.onExit(l),
    close() {
      if (fallback) fallback.close();
      else socket.end();
    },
    kill(signal = 'SIGTERM') {
      if (fallback) return fallback.kill(signal);
      if (gone) return;
      if (childPid === undefined) {
        socket.destroy(); // no child yet: the warm engine's child, if one was forked, reads the end and exits
        return;
      }
      try {
        process.kill(childPid, signal);
      } catch {
        // already gone: its exit is on its way
      }
    },
  };
}

function exitFrom(e: Record<string, unknown>): ExitInfo {
  return {
    code: typeof e.code === 'number' ? e.code : null,
    signal: typeof e.signal === 'string' ? e.signal : null,
    stderrTail: typeof e.stderr_tail === 'string' ? e.stderr_tail.trim().split('\n').slice(-12).join('\n') : '',
  };
}
