/** A real local S3 endpoint: moto's server mode on 127.0.0.1 and a free port, stopped after. */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { MOTO_SERVER } from './paths.js';

export interface MotoServer {
  endpoint: string;
  /** Storage options for pylance / lance-index (credentials moto accepts as any value). */
  storageOptions: Record<string, string>;
  createBucket(name: string): Promise<void>;
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  // Bounded poll until the port accepts connections (moto imports Flask etc. first: ~1-3 s).
  let ready = false;
  for (let attempt = 0; attempt < 300 && !exited; attempt++) {
    if ((ready = await accepts(port))) break;
    await delay(50);
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`moto_server did not accept connections on 127.0.0.1:${port} (${exited ? 'it exited' : 'timed out'}): ${stderr}`);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    storageOptions: {
      aws_access_key_id: 'testing',
      aws_secret_access_key: 'testing',
      aws_endpoint: endpoint,
      aws_region: 'us-east-1',
      allow_http: 'true',
    },
    async createBucket(name) {
      const res = await fetch(`${endpoint}/${name}`, { method: 'PUT' });
      if (!res.ok) throw new Error(`creating bucket ${name}: HTTP ${res.status} ${await res.text()}`);
    },
    async listKeys(bucket, prefix) {
      const res = await fetch(`${endpoint}/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}&max-keys=1000`);
      const xml = await res.text();
      return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]);
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** `--storage-option k=v` flags for the CLI. */
export function storageFlags(options: Record<string, string>): string[] {
  return Object.entries(options).flatMap(([k, v]) => ['--storage-option', `${k}=${v}`]);
}
