/**
 * Starting the warm engine: a Python of its own, detached from the caller (it outlives the
 * `lance-index engine start` that made it), its output in engine.log in its folder. Returns once
 * it listens, or says why it could not.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { StudioError } from '../engine-errors.js';
import { engineArgs, engineEnv } from '../python-env.js';
import {
  answeringWarmEngine,
  askWarmEngine,
  engineFingerprint,
  logPathIn,
  privateWarmFolder,
  runningWarmEngine,
  socketPathIn,
  type WarmEngineInfo,
} from './warm-engine.js';

export interface WarmStart {
  info: WarmEngineInfo;
  /** Already running with this set-up: nothing was started. */
  already: boolean;
  /** A warm engine of another set-up (other interpreter or engine sources) that was asked to stop. */
  replaced?: number;
  startupS?: number;
}

const READY_TIMEOUT_MS = 120_000;

export async function startWarmEngine(opts: { python: string; idleTimeoutS: number; folder: string }): Promise<WarmStart> {
  if (process.platform === 'win32')
    throw new StudioError('The warm engine forks its engines from one Python process, which Windows cannot do; CLI commands start their own there.', 'input');
  const folder = privateWarmFolder(opts.folder);
  const fingerprint = engineFingerprint(opts.python);
  const running = (await answeringWarmEngine(folder))?.info;
  if (running?.fingerprint === fingerprint) return { info: running, already: true };
  // Another set-up's engine stops taking callers (its running builds finish) and gives up the socket.
  if (running) await askWarmEngine(running.socket, { stop: true });

  const log = openSync(logPathIn(folder), 'a', 0o600);
  const args = [...engineArgs(1), '--warm-socket', socketPathIn(folder), '--idle-timeout', String(opts.idleTimeoutS), '--fingerprint', fingerprint];
  const child = spawn(opts.python, args, { env: engineEnv(), detached: true, stdio: ['ignore', 'pipe', log] });
  closeSync(log);
  const startupS = await new Promise<number>((resolvePromise, reject) => {
    const fail = (why: string) => reject(new StudioError(`The warm engine did not start: ${why}. Its log: ${logPathIn(folder)}${logTail(folder)}`, 'engine'));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`no ready message within ${READY_TIMEOUT_MS / 1000} s`);
    }, READY_TIMEOUT_MS);
    child.on('error', (err) => fail(err.message));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fail(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line) as { ready?: boolean; startup_s?: number };
        if (ready.ready === true) return resolvePromise(Number(ready.startup_s));
      } catch {
        // not the ready message: said below
      }
      fail(`it said ${line.slice(0, 200)}`);
    });
  });
  child.removeAllListeners('exit');
  child.stdout!.destroy();
  child.unref();
  const info = runningWarmEngine(folder);
  if (!info) throw new StudioError(`The warm engine said it was ready but left no engine.json in ${folder}.`, 'engine');
  return { info, already: false, replaced: running?.pid, startupS };
}

function logTail(folder: string): string {
  try {
    const text = readFileSync(logPathIn(folder), 'utf8').trim().split('\n').slice(-8).join('\n');
    return text ? `\n${text}` : '';
  } catch {
    return '';
  }
}
