/**
 * The parts of starting a Ray node on 127.0.0.1 that the test cluster (ray-cluster.ts) and the
 * benchmark's lance-ray head (bench/ray-head.ts) share. Nothing here knows which venv runs Ray:
 * the callers pass their own `ray`.
 *
 * - every port chosen free: a test cluster and the benchmark's head may run on one machine at once;
 * - token auth with a fresh token, and nothing in the environment pointing at another Ray;
 * - the head in single-node mode (HEAD_ENV) with its IP given, or Ray binds to the machine's other
 *   interface; worker nodes join it through test/helpers/ray_join_loopback.py;
 * - anything left behind found by its working folder (Ray's workers leave the node's process group).
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** The ports a head node takes on top of a node's own. */
export const HEAD_PORT_FLAGS = ['--port', '--dashboard-port', '--ray-client-server-port'];
export const NODE_PORT_FLAGS = [
  '--node-manager-port',
  '--object-manager-port',
  '--dashboard-agent-listen-port',
  '--dashboard-agent-grpc-port',
  '--metrics-export-port',
  '--runtime-env-agent-port',
];

/** n distinct free ports on 127.0.0.1: held open together while chosen, so none is handed out twice. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export function portArgs(flags: string[], ports: number[]): string[] {
  return flags.flatMap((f, i) => [f, String(ports[i])]);
}

/** The environment a loopback node (and a driver that joins it) runs with. */
export function loopbackRayEnv(token: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    RAY_AUTH_MODE: 'token',
    RAY_AUTH_TOKEN: token,
    RAY_USAGE_STATS_ENABLED: '0',
  };
  for (const k of ['RAY_ADDRESS', 'RAY_API_SERVER_ADDRESS', 'VIRTUAL_ENV', 'PYTHONPATH']) delete env[k];
  return env;
}

/** The head's own environment on top: single-node mode keeps it, and every job driver it starts, on
 *  loopback. Not for worker nodes: Ray then refuses to let them join. */
export const HEAD_ENV: NodeJS.ProcessEnv = { RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER: '0' };

/** `ray start --head --block` on 127.0.0.1 with its dashboard (the Jobs API) on loopback too; `ports` for HEAD_PORT_FLAGS then NODE_PORT_FLAGS. */
export function headStartArgs(o: { cpus: number; objectStoreBytes: number; ports: number[] }): string[] {
  return [
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
    String(o.cpus),
    '--object-store-memory',
    String(o.objectStoreBytes),
    '--disable-usage-stats',
    ...portArgs([...HEAD_PORT_FLAGS, ...NODE_PORT_FLAGS], o.ports),
  ];
}

/**
 * Ray's worker processes leave the node's process group (each is a session leader) and exit on
 * their own once their raylet is gone; they run in their node's folder, which finds them.
 */
export function killProcessesIn(root: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // not ours, or already gone
    }
  }
}
