/**
 * A local Ray for lance-ray: one head node on 127.0.0.1 with token auth, from the benchmark's
 * own venv (not the tests' .venv-ray: the benchmark doesn't depend on the test set-up), started
 * the way the test cluster starts its head (test/helpers/loopback-ray.ts). The head runs in a
 * process group and a folder of its own, stopped by that group and that folder, never by
 * `ray stop` (which would stop every Ray on the machine).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { RayClient } from '../electron/engine/ray/ray-client.js';
import { treeCpuS, treeRssMiB } from './process-tree.js';
import { HEAD_ENV, HEAD_PORT_FLAGS, NODE_PORT_FLAGS, freePorts, headStartArgs, killProcessesIn, loopbackRayEnv } from '../test/helpers/loopback-ray.js';

export interface RayHead {
  /** GCS address a driver passes to ray.init(). */
  gcsAddress: string;
  /** Environment a driver needs: the token, nothing pointing at another Ray. */
  env: NodeJS.ProcessEnv;
  pid: number;
  /** From `ray start` to the head reported alive. */
  startS: number;
  /** The idle head's tree, measured over a few seconds after start. */
  idleRssMiB: number;
  idleCpuPercent: number;
  stop(): Promise<void>;
}

export async function startRayHead(rayBin: string, cpus: number): Promise<RayHead> {
  // Short: Ray's unix socket paths live under it and must stay under ~100 characters.
  const root = mkdtempSync('/tmp/lib-');
  const dir = join(root, 'head');
  mkdirSync(dir);
  const token = randomBytes(24).toString('hex');
  const ports = await freePorts(HEAD_PORT_FLAGS.length + NODE_PORT_FLAGS.length);
  const env = loopbackRayEnv(token, { ...process.env, LANCE_LOG: 'error' });

  const t0 = performance.now();
  const child = spawn(rayBin, [...headStartArgs({ cpus, objectStoreBytes: 256 * 1024 * 1024, ports }), '--temp-dir', dir], {
    cwd: dir,
    env: { ...env, ...HEAD_ENV },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-6000)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-6000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const stop = async () => {
    // A benchmark's Ray holds nothing worth a graceful stop, and `ray start --block` waits out SIGTERM.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
    killProcessesIn(root);
    await Promise.race([exit, delay(10_000)]);
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const client = new RayClient({ address: `http://127.0.0.1:${ports[1]}`, token });
    for (const deadline = performance.now() + 120_000; ;) {
      if (exited) throw new Error(`ray start exited:\n${log}`);
      const nodes = await client.nodes().catch(() => []);
      if (nodes.some((n) => n.is_head_node && n.state === 'ALIVE')) break;
      if (performance.now() > deadline) throw new Error(`Ray head not ready after 120 s:\n${log}`);
      await delay(200);
    }
    const startS = (performance.now() - t0) / 1000;
    // Its idle cost while the other contenders run beside it (Ray prestarts workers meanwhile).
    await delay(3000);
    const cpu0 = treeCpuS([child.pid!]);
    await delay(5000);
    const idleCpuPercent = ((treeCpuS([child.pid!]) - cpu0) / 5) * 100;
    return {
      gcsAddress: `127.0.0.1:${ports[0]}`,
      // A driver joining a single-node head must be in that mode too: without it, it looks for the
      // GCS on the machine's other interface, never answers, and lance-ray's runs time out.
      env: { ...env, ...HEAD_ENV },
      pid: child.pid!,
      startS,
      idleRssMiB: treeRssMiB([child.pid!]),
      idleCpuPercent,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
