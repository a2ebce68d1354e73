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
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { RayClient, type RayNode } from '@engine/ray/ray-client.js';
import { RAY_BIN, RAY_PYTHON, REPO } from './paths.js';
import { HEAD_ENV, HEAD_PORT_FLAGS, NODE_PORT_FLAGS, freePorts, headStartArgs, killProcessesIn, loopbackRayEnv, portArgs } from './loopback-ray.js';

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
  // The job's `python` must be the one Ray runs under (it has pylance and Ray).
  const env = loopbackRayEnv(token, { ...process.env, PATH: `${join(REPO, '.venv-ray', 'bin')}:${process.env.PATH ?? ''}` });
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
      headStartArgs({ cpus: opts.headCpus ?? 2, objectStoreBytes: 200 * 1024 * 1024, ports: headPorts }),
      HEAD_ENV,
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
