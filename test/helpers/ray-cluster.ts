/**
 * A real Ray cluster for the tests, on 127.0.0.1 only: a head (2 CPUs) and worker nodes joined
 * to it, each a `ray start --block` in a process group of its own, stopped by that group (never
 * `ray stop`, which would stop every Ray on the machine). Token auth is on, with a fresh token.
 *
 * Every port is chosen free (two clusters on one machine must not meet on Ray's defaults), each
 * node has its own temp folder (nodes on one disk would otherwise unpack a job's working_dir over
 * each other), and the cluster runs in a folder of its own so anything left behind can be found.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { RayClient, type RayNode } from '@engine/ray/ray-client.js';
import { RAY_BIN, RAY_PYTHON, REPO } from './paths.js';

export interface RayNodeProcess {
  nodeId: string;
  pid: number;
  /** The node's own folder: its Ray processes and its workers run in it. */
  tempDir: string;
  /**
   * Ends the node. SIGTERM lets Ray shut it down; SIGKILL is the machine dying: the node's
   * processes and every worker process it started (workers leave its process group) at once.
   */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface RayTestCluster {
  /** The dashboard (Jobs API) on 127.0.0.1. */
  address: string;
  token: string;
  client: RayClient;
  head: RayNodeProcess;
  workers: RayNodeProcess[];
  addWorker(cpus?: number): Promise<RayNodeProcess>;
  aliveNodes(): Promise<RayNode[]>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/** n distinct free ports on 127.0.0.1: held open together while chosen, so none is handed out twice. */
async function freePorts(n: number): Promise<number[]> {
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

const NODE_PORT_FLAGS = [
  '--node-manager-port',
  '--object-manager-port',
  '--dashboard-agent-listen-port',
  '--dashboard-agent-grpc-port',
  '--metrics-export-port',
  '--runtime-env-agent-port',
];
const HEAD_PORT_FLAGS = ['--port', '--dashboard-port', '--ray-client-server-port'];

function portArgs(flags: string[], ports: number[]): string[] {
  return flags.flatMap((f, i) => [f, String(ports[i])]);
}

class NodeProcess implements RayNodeProcess {
  nodeId = '';
  private exited = false;
  private readonly exit: Promise<void>;
  log = '';

  constructor(
    readonly child: ChildProcess,
    readonly tempDir: string,
  ) {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.log = (this.log + d).slice(-8000)));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.log = (this.log + d).slice(-8000)));
    this.exit = new Promise((resolve) => child.once('exit', () => ((this.exited = true), resolve())));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exited;
  }

  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      return;
    }
    if (signal === 'SIGKILL') killProcessesIn(this.tempDir);
    const timedOut = await Promise.race([this.exit.then(() => false), delay(30_000).then(() => true)]);
    if (timedOut) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      await this.exit;
    }
  }
}

export async function startRayCluster(opts: { headCpus?: number; workers?: number[] } = {}): Promise<RayTestCluster> {
  // Short: Ray's unix socket paths live under it and must stay under ~100 characters.
  const root = mkdtempSync('/tmp/lir-');
  const token = randomBytes(24).toString('hex');
  const headPorts = await freePorts(HEAD_PORT_FLAGS.length + NODE_PORT_FLAGS.length);
  const [gcsPort, dashboardPort] = headPorts;
  const address = `http://127.0.0.1:${dashboardPort}`;
  const client = new RayClient({ address, token });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The job's `python` must be the one Ray runs under (it has pylance and Ray).
    PATH: `${join(REPO, '.venv-ray', 'bin')}:${process.env.PATH ?? ''}`,
    RAY_AUTH_MODE: 'token',
    RAY_AUTH_TOKEN: token,
    RAY_USAGE_STATS_ENABLED: '0',
  };
  for (const k of ['RAY_ADDRESS', 'RAY_API_SERVER_ADDRESS', 'VIRTUAL_ENV', 'PYTHONPATH']) delete env[k];
  const started: NodeProcess[] = [];

  const launch = (tempDir: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    mkdirSync(tempDir, { recursive: true });
    // Each node runs in its own temp folder, so its processes (and its workers) can be told apart.
    const node = new NodeProcess(
      spawn(command, [...args, '--temp-dir', tempDir], { cwd: tempDir, env: { ...env, ...extraEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
      tempDir,
    );
    started.push(node);
    return node;
  };

  const waitFor = async <T>(what: string, node: NodeProcess, check: () => Promise<T | undefined>): Promise<T> => {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (node.hasExited) throw new Error(`${what}: ray start exited.\n${node.log}`);
      const value = await check().catch(() => undefined);
      if (value !== undefined) return value;
      if (performance.now() > deadline) throw new Error(`${what}: not ready after ${READY_TIMEOUT_MS / 1000} s.\n${node.log}`);
      await delay(250);
    }
  };

  const aliveNodes = async () => (await client.nodes()).filter((n) => n.state === 'ALIVE');

  // Nothing in a test cluster is worth a graceful stop, and `ray start --block` ignores SIGTERM
  // for good (it stops its raylet, then waits): it goes the way a machine would.
  const stopAll = async () => {
    await Promise.all(started.map((n) => n.stop('SIGKILL')));
    killProcessesIn(root);
    rmSync(root, { recursive: true, force: true });
  };

  try {
    // Single-node mode keeps the head, and every job driver it starts, on loopback.
    const head = launch(
      join(root, 'head'),
      RAY_BIN,
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
        String(opts.headCpus ?? 2),
        '--object-store-memory',
        String(200 * 1024 * 1024),
        '--disable-usage-stats',
        ...portArgs([...HEAD_PORT_FLAGS, ...NODE_PORT_FLAGS], headPorts),
      ],
      { RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER: '0' },
    );
    const headNode = await waitFor('Ray head', head, async () => {
      const alive = await aliveNodes();
      return alive.find((n) => n.is_head_node);
    });
    head.nodeId = headNode.node_id;

    let workerCount = 0;
    const addWorker = async (cpus = 1): Promise<RayNodeProcess> => {
      const known = new Set((await aliveNodes()).map((n) => n.node_id));
      const w = launch(join(root, `worker-${++workerCount}`), RAY_PYTHON, [
        join(REPO, 'test', 'helpers', 'ray_join_loopback.py'),
        'start',
        '--block',
        '--address',
        `127.0.0.1:${gcsPort}`,
        '--node-ip-address',
        '127.0.0.1',
        '--num-cpus',
        String(cpus),
        '--object-store-memory',
        String(100 * 1024 * 1024),
        '--disable-usage-stats',
        ...portArgs(NODE_PORT_FLAGS, await freePorts(NODE_PORT_FLAGS.length)),
      ]);
      const joined = await waitFor('Ray worker node', w, async () => (await aliveNodes()).find((n) => !known.has(n.node_id)));
      w.nodeId = joined.node_id;
      return w;
    };

    const workers: RayNodeProcess[] = [];
    for (const cpus of opts.workers ?? [1]) workers.push(await addWorker(cpus));
    return {
      address,
      token,
      client,
      head,
      workers,
      addWorker: async (cpus) => {
        const w = await addWorker(cpus);
        workers.push(w);
        return w;
      },
      aliveNodes,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Ray's worker processes leave the node's process group (each is a session leader) and exit on
 * their own once their raylet is gone; they run in their node's folder, which finds them.
 */
function killProcessesIn(root: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // not ours, or already gone
    }
  }
}
