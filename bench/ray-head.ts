/**
 * A local Ray for lance-ray: one head node on 127.0.0.1 with token auth, from the benchmark's
 * own venv. test/helpers/ray-cluster.ts does the same for the tests but runs Ray from the tests'
 * .venv-ray (its path is fixed there), and the benchmark must not depend on the test set-up;
 * a single head needs none of its worker-node machinery either.
 *
 * As there: every port chosen free (a test cluster may be running on this machine at the same
 * time), the head in a process group and a folder of its own, stopped by that group and that
 * folder, never by `ray stop` (which would stop every Ray on the machine).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { RayClient } from '../electron/engine/ray/ray-client.js';
import { treeCpuS, treeRssMiB } from './process-tree.js';

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

const PORT_FLAGS = [
  '--port',
  '--dashboard-port',
  '--ray-client-server-port',
  '--node-manager-port',
  '--object-manager-port',
  '--dashboard-agent-listen-port',
  '--dashboard-agent-grpc-port',
  '--metrics-export-port',
  '--runtime-env-agent-port',
];

/** n distinct free ports on 127.0.0.1, held open together while chosen so none repeats. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Ray's workers leave the head's process group; they run in its folder, which finds them. */
function killProcessesIn(root: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // not ours, or gone
    }
  }
}

export async function startRayHead(rayBin: string, cpus: number): Promise<RayHead> {
  // Short: Ray's unix socket paths live under it and must stay under ~100 characters.
  const root = mkdtempSync('/tmp/lib-');
  const dir = join(root, 'head');
  mkdirSync(dir);
  const token = randomBytes(24).toString('hex');
  const ports = await freePorts(PORT_FLAGS.length);
  const env: NodeJS.ProcessEnv = { ...process.env, RAY_AUTH_MODE: 'token', RAY_AUTH_TOKEN: token, RAY_USAGE_STATS_ENABLED: '0', LANCE_LOG: 'error' };
  for (const k of ['RAY_ADDRESS', 'RAY_API_SERVER_ADDRESS', 'VIRTUAL_ENV', 'PYTHONPATH']) delete env[k];

  const t0 = performance.now();
  const child = spawn(
    rayBin,
    [
      'start',
      '--head',
      '--block',
      '--node-ip-address',
      '127.0.0.1',
      '--dashboard-host',
      '127.0.0.1',
      '--include-dashboard',
      'true',
      '--num-cpus',
      String(cpus),
      '--object-store-memory',
      String(256 * 1024 * 1024),
      '--disable-usage-stats',
      '--temp-dir',
      dir,
      ...PORT_FLAGS.flatMap((f, i) => [f, String(ports[i])]),
    ],
    { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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
      env,
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
