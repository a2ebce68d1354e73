/**
 * The warm engine (engine/python/lance_engine/warm.py): where it lives, whether one is running that
 * this app may use, and asking it things. `lance-index engine start` starts one; CLI commands on
 * this machine then fork their engine from it (warm-channel.ts) instead of starting Python and
 * importing pylance each time.
 *
 * A warm engine is used only when it is the caller's own (its folder is owned by the user and
 * closed to others: the caller sends it its environment, credentials included) and when it runs
 * the same interpreter and engine sources the caller would start (its fingerprint).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENGINE_DIR } from '../python-env.js';
import { StudioError } from '../engine-errors.js';

export const WARM_DIR_ENV = 'LANCE_INDEX_WARM_DIR';
/** Unix socket paths are limited to 104 bytes on macOS (108 on Linux). */
const MAX_SOCKET_PATH = 103;

export interface WarmEngineInfo {
  pid: number;
  socket: string;
  fingerprint: string;
  pylance: string;
  idleTimeoutS: number;
  startedAt: number;
}

/** LANCE_INDEX_WARM_DIR, else a folder of the user's own under XDG_RUNTIME_DIR or the temp folder. */
export function warmFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env[WARM_DIR_ENV]) return resolve(env[WARM_DIR_ENV]);
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'lance-index');
  return join(tmpdir(), `lance-index-${process.getuid?.() ?? 'user'}`);
}

export const socketPathIn = (folder: string): string => join(folder, 'engine.sock');
export const logPathIn = (folder: string): string => join(folder, 'engine.log');
const infoPathIn = (folder: string): string => join(folder, 'engine.json');

/**
 * Which interpreter and which engine sources: a warm engine started before either changed would
 * run stale code, so it is not used (and `engine start` replaces it).
 */
export function engineFingerprint(python: string): string {
  const sources = join(ENGINE_DIR, 'lance_engine');
  const hash = createHash('sha256').update(python).update('\0').update(ENGINE_DIR);
  for (const name of readdirSync(sources).sort()) {
    if (!name.endsWith('.py') && !name.endsWith('.json')) continue;
    const s = statSync(join(sources, name));
    hash.update(`\0${name}:${s.size}:${s.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Make the folder (0700) or insist an existing one is the user's own and closed to others. */
export function privateWarmFolder(folder: string): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const why = notPrivate(folder);
  if (why) throw new StudioError(`The warm engine's folder ${folder} ${why}. Set ${WARM_DIR_ENV} to a folder of your own.`, 'input');
  if (socketPathIn(folder).length > MAX_SOCKET_PATH)
    throw new StudioError(`The warm engine's socket path ${socketPathIn(folder)} is over ${MAX_SOCKET_PATH} bytes; set ${WARM_DIR_ENV} to a shorter folder.`, 'input');
  return folder;
}

function notPrivate(folder: string): string | undefined {
  const s = statSync(folder);
  if (!s.isDirectory()) return 'is not a folder';
  if (typeof process.getuid === 'function' && s.uid !== process.getuid()) return `belongs to another user (uid ${s.uid})`;
  if ((s.mode & 0o077) !== 0) return `is open to others (mode ${(s.mode & 0o777).toString(8)}; it must be 700)`;
  return undefined;
}

/** The warm engine running in `folder`, if any: its info file read, its process alive. */
export function runningWarmEngine(folder = warmFolder()): WarmEngineInfo | undefined {
  try {
    if (notPrivate(folder)) return undefined;
    const raw = JSON.parse(readFileSync(infoPathIn(folder), 'utf8')) as Record<string, unknown>;
    const info = infoFrom(raw);
    if (!info || info.socket !== socketPathIn(folder)) return undefined;
    process.kill(info.pid, 0); // throws when it is gone
    return info;
  } catch {
    return undefined;
  }
}

/**
 * The running warm engine, if it answers: an engine.json left by a killed one can name a pid that
 * another process has taken since, and nothing listens on its socket.
 */
export async function answeringWarmEngine(folder = warmFolder()): Promise<{ info: WarmEngineInfo; status: Record<string, unknown> } | undefined> {
  const info = runningWarmEngine(folder);
  if (!info) return undefined;
  try {
    const status = (await askWarmEngine(info.socket, { status: true }, 5_000)).status as Record<string, unknown> | undefined;
    return status?.pid === info.pid ? { info, status } : undefined;
  } catch {
    return undefined;
  }
}

/** The running warm engine if it runs what this caller would start; never throws (a cold engine is always the fallback). */
export function matchingWarmEngine(python: string, folder = warmFolder()): WarmEngineInfo | undefined {
  const info = runningWarmEngine(folder);
  try {
    return info && info.fingerprint === engineFingerprint(python) ? info : undefined;
  } catch {
    return undefined;
  }
}

function infoFrom(raw: Record<string, unknown>): WarmEngineInfo | undefined {
  const { pid, socket, fingerprint, pylance, idle_timeout_s, started_at } = raw;
  if (!Number.isInteger(pid) || (pid as number) <= 0 || typeof socket !== 'string' || typeof fingerprint !== 'string') return undefined;
  return {
    pid: pid as number,
    socket,
    fingerprint,
    pylance: String(pylance ?? '?'),
    idleTimeoutS: Number(idle_timeout_s),
    startedAt: Number(started_at),
  };
}

/** One request to the warm engine itself ({"status": true} or {"stop": true}) and its one-line answer. */
export function askWarmEngine(socket: string, request: { status: true } | { stop: true }, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const conn = createConnection(socket);
    let text = '';
    const timer = setTimeout(() => conn.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => (text += d));
    conn.on('error', (err) => {
      clearTimeout(timer);
      reject(new StudioError(`The warm engine at ${socket} did not answer: ${err.message}`, 'engine'));
    });
    conn.on('close', () => {
      clearTimeout(timer);
      try {
        resolvePromise(JSON.parse(text.split('\n')[0]!) as Record<string, unknown>);
      } catch {
        reject(new StudioError(`The warm engine at ${socket} answered with something other than JSON: ${text.slice(0, 200)}`, 'engine'));
      }
    });
    conn.end(JSON.stringify(request) + '\n');
  });
}
