/** A child process for the set-up: its output line by line, stopped (the whole group) when the set-up is cancelled. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunResult {
  code: number | null;
  signal: string | null;
  /** The last lines of its output, for the error message. */
  tail: string[];
}

export class CancelledError extends Error {
  constructor() {
    super('The engine set-up was cancelled.');
    this.name = 'CancelledError';
  }
}

/**
 * The environment for Python tools run by the set-up: the person's pip settings (index, proxy,
 * certificates) stay; PYTHON* variables that would bend where packages go or load from don't.
 */
export function toolEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^PYTHON/.test(k) || k === 'VIRTUAL_ENV' || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  env.PYTHONUNBUFFERED = '1'; // pip's lines as they happen, not when its buffer fills
  env.PIP_NO_INPUT = '1';
  return env;
}

export function runProcess(
  command: string,
  args: string[],
  opts: { signal?: AbortSignal; onLine?: (line: string) => void; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CancelledError());
    // Its own process group, so a cancel also stops what it started (pip's build helpers).
    const child = spawn(command, args, { env: opts.env ?? toolEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const tail: string[] = [];
    const take = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      opts.onLine?.(line);
    };
    createInterface({ input: child.stdout! }).on('line', take);
    createInterface({ input: child.stderr! }).on('line', take);
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), 2000);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) reject(new CancelledError());
      else resolve({ code, signal, tail });
    });
  });
}
