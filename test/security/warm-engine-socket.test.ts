/**
 * The warm engine (`lance-index engine start`) forks an engine for whoever connects and takes the
 * caller's environment: another local user must not get one. User `nobody` tries, as a person
 * would, with a real client: first through the folder as the app makes it (0700), then with the
 * folder and socket opened up, where only the warm engine's own check of the peer's uid stands.
 * Needs root (to act as `nobody`): skipped, with the reason, otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const asRoot = process.getuid?.() === 0;
let root: string;
let folder: string;
let env: NodeJS.ProcessEnv;
let warmPid = 0;

interface Attempt {
  /** What the warm engine said. */
  got: string;
  /** The connection's error, if any (EACCES: no way in; EPIPE/ECONNRESET: closed on the client). */
  error?: string;
}

/** A client run as user `nobody`: connects, asks for an engine, and reports what came back. */
function connectAsNobody(socket: string): Attempt {
  const client = `
    const s = require('node:net').createConnection(${JSON.stringify(socket)});
    const out = { got: '' };
    s.on('error', (e) => (out.error = e.code));
    s.on('data', (d) => (out.got += d));
    s.on('close', () => console.log(JSON.stringify(out)));
    s.write(JSON.stringify({ hello: { lanes: 1, env: {}, cwd: '/' } }) + '\\n');`;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', client], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(r.stdout) as Attempt;
}

async function forkedEngines(): Promise<number[]> {
  const status = await runCli(['engine', 'status', '--json'], 30_000, env);
  return (JSON.parse(status.stdout) as { engines: number[] }).engines;
}

describe.skipIf(!asRoot)(`another user and the warm engine${asRoot ? '' : ' (skipped: acting as user nobody needs root)'}`, () => {
  beforeAll(async () => {
    root = await makeTempDir('warm-socket');
    chmodSync(root, 0o711); // as a home folder may be: others may pass through, not list
    folder = join(root, 'w');
    mkdirSync(folder, { mode: 0o700 });
    env = { LANCE_INDEX_WARM_DIR: folder };
    const start = await runCli(['engine', 'start', '--idle-timeout', '10', '--json'], 60_000, env);
    expect(start.code, start.stderr).toBe(0);
    warmPid = (JSON.parse(start.stdout) as { pid: number }).pid;
  }, 120_000);
  afterAll(async () => {
    if (warmPid) process.kill(warmPid, 'SIGTERM');
    await removeDir(root);
  });

  it("can't reach its socket through the app's folder", async () => {
    expect(connectAsNobody(join(folder, 'engine.sock'))).toEqual({ got: '', error: 'EACCES' });
    expect(await forkedEngines()).toEqual([]);
  });

  it('is refused by the warm engine itself when the folder and socket are opened to everyone', async () => {
    chmodSync(folder, 0o711);
    chmodSync(join(folder, 'engine.sock'), 0o666);
    try {
      // Connected, but closed at once: not a byte said (its hello may meet the closed socket), no engine forked.
      const attempt = connectAsNobody(join(folder, 'engine.sock'));
      expect(attempt.got).toBe('');
      expect([undefined, 'EPIPE', 'ECONNRESET']).toContain(attempt.error);
    } finally {
      chmodSync(folder, 0o700);
      chmodSync(join(folder, 'engine.sock'), 0o600);
    }
    expect(await forkedEngines()).toEqual([]);
  });
});
