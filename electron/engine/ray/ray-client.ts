/**
 * A client of Ray's dashboard: the Jobs REST API, the package store behind `working_dir`, and the
 * state API's node list. node:http, not fetch: Ray refuses POST/PUT that carry `sec-fetch-mode`
 * ("method not allowed for browser traffic"), which Node's fetch always sends.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { StudioError } from '../engine-errors.js';

export interface RayConnection {
  /** The dashboard's base URL, e.g. http://127.0.0.1:8265. */
  address: string;
  token?: string;
}

export type JobStatus = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';
export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set(['STOPPED', 'SUCCEEDED', 'FAILED']);

export interface JobInfo {
  submission_id: string;
  job_id: string | null;
  status: JobStatus;
  message: string | null;
  error_type: string | null;
  driver_exit_code: number | null;
  entrypoint: string;
  start_time: number | null;
  end_time: number | null;
  metadata: Record<string, string> | null;
}

export interface RayNode {
  node_id: string;
  node_ip: string;
  is_head_node: boolean;
  state: 'ALIVE' | 'DEAD' | string;
  resources_total: Record<string, number>;
  labels?: Record<string, string>;
}

export interface JobSubmission {
  entrypoint: string;
  submission_id?: string;
  runtime_env?: Record<string, unknown>;
  metadata?: Record<string, string>;
}

/** How long one REST call may take before it is a failure (a dashboard that accepts but never answers). */
const REQUEST_TIMEOUT_MS = 30_000;

export class RayClient {
  readonly base: URL;

  constructor(readonly connection: RayConnection) {
    this.base = parseDashboardAddress(connection.address);
    checkToken(connection.token);
  }

  get address(): string {
    return this.base.origin;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.connection.token ? { Authorization: `Bearer ${this.connection.token}` } : {}), ...extra };
  }

  async version(): Promise<{ ray_version: string; session_name?: string }> {
    return this.json('GET', '/api/version');
  }

  async nodes(): Promise<RayNode[]> {
    const r = await this.json<{ data: { result: { result: RayNode[] } } }>('GET', '/api/v0/nodes?detail=1&limit=10000');
    return r.data.result.result;
  }

  /** The tasks of a job (by Ray's hex job id) that are not finished yet, as the state API knows them. */
  async unfinishedTasks(jobId: string): Promise<Array<{ name: string; state: string; node_id?: string }>> {
    const q = new URLSearchParams([['filter_keys', 'job_id'], ['filter_predicates', '='], ['filter_values', jobId], ['limit', '10000'], ['detail', '0']]);
    const r = await this.json<{ data: { result: { result: Array<{ name: string; state: string; node_id?: string }> } } }>('GET', `/api/v0/tasks?${q}`);
    return r.data.result.result.filter((t) => !['FINISHED', 'FAILED'].includes(t.state));
  }

  async jobs(): Promise<JobInfo[]> {
    return this.json('GET', '/api/jobs/');
  }

  async job(id: string): Promise<JobInfo> {
    return this.json('GET', `/api/jobs/${encodeURIComponent(id)}`);
  }

  async jobLogs(id: string): Promise<string> {
    return (await this.json<{ logs: string }>('GET', `/api/jobs/${encodeURIComponent(id)}/logs`)).logs;
  }

  async submit(job: JobSubmission): Promise<{ submission_id: string }> {
    return this.json('POST', '/api/jobs/', job);
  }

  async stop(id: string): Promise<boolean> {
    return (await this.json<{ stopped: boolean }>('POST', `/api/jobs/${encodeURIComponent(id)}/stop`)).stopped;
  }

  /** Whether a `_ray_pkg_*.zip` is already in the cluster's package store. */
  async hasPackage(name: string): Promise<boolean> {
    const r = await this.send('GET', `/api/packages/gcs/${name}`);
    if (r.status === 200) return true;
    if (r.status === 404) return false;
    throw this.httpError('GET', `/api/packages/gcs/${name}`, r.status, r.body);
  }

  async uploadPackage(name: string, bytes: Uint8Array): Promise<void> {
    const r = await this.send('PUT', `/api/packages/gcs/${name}`, Buffer.from(bytes), 'application/octet-stream');
    if (r.status !== 200) throw this.httpError('PUT', `/api/packages/gcs/${name}`, r.status, r.body);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.send(method, path, body === undefined ? undefined : Buffer.from(JSON.stringify(body)), 'application/json');
    if (r.status < 200 || r.status >= 300) throw this.httpError(method, path, r.status, r.body);
    try {
      return JSON.parse(r.body) as T;
    } catch {
      throw new StudioError(`The Ray dashboard at ${this.address} answered ${method} ${path} with something that is not JSON: ${r.body.slice(0, 200)}`, 'engine');
    }
  }

  private send(method: string, path: string, body?: Buffer, contentType?: string): Promise<{ status: number; body: string }> {
    const url = new URL(path, this.base);
    const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = requester(
        url,
        {
          method,
          headers: this.headers({ ...(body ? { 'Content-Type': contentType ?? 'application/octet-stream', 'Content-Length': String(body.length) } : {}) }),
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.connectionError(err)));
      req.end(body);
    });
  }

  private connectionError(err: NodeJS.ErrnoException): StudioError {
    const why =
      err.code === 'ECONNREFUSED' ? 'nothing is listening there'
      : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'the host name does not resolve'
      : err.code === 'ECONNRESET' ? 'the connection was reset'
      : err.message;
    return new StudioError(
      `Can't reach the Ray dashboard at ${this.address}: ${why}. Give the address of the head node's dashboard (e.g. http://HOST:8265, the Jobs API), and check that it runs and is reachable from here.`,
      'input',
      'rayAddress',
    );
  }

  private httpError(method: string, path: string, status: number, body: string): StudioError {
    const text = body.trim().slice(0, 300);
    if (status === 401) {
      return new StudioError(`The Ray cluster at ${this.address} requires a token (${text || 'HTTP 401'}). \`ray get-auth-token\` on the head node prints it (the CLI takes it from --ray-token or RAY_AUTH_TOKEN).`, 'input', 'rayToken');
    }
    if (status === 403) {
      return new StudioError(`The Ray cluster at ${this.address} refused the token (${text || 'HTTP 403'}). Compare it with what \`ray get-auth-token\` prints on the head node.`, 'input', 'rayToken');
    }
    if (status === 404 && path.startsWith('/api/')) {
      return new StudioError(`${this.address} answered ${method} ${path} with 404: is this a Ray dashboard (Ray >= 2.9, started with the dashboard)? ${text}`, 'input', 'rayAddress');
    }
    return new StudioError(`The Ray dashboard at ${this.address} answered ${method} ${path} with HTTP ${status}: ${text}`, 'engine');
  }
}

/** A token goes into an HTTP header: visible ASCII only (Ray's are hex); anything else is a typo or a paste gone wrong. */
export function checkToken(token: string | undefined): void {
  if (token === undefined || token === '') return;
  const bad = [...token].find((c) => c < '!' || c > '~');
  if (bad !== undefined) {
    const shown = JSON.stringify(bad).slice(1, -1);
    throw new StudioError(
      `The Ray token holds a character a token can't have ('${shown}'); tokens are printable ASCII without spaces, as \`ray get-auth-token\` prints them.`,
      'input',
      'rayToken',
    );
  }
}

/** http(s)://host:port, nothing else: the Jobs API lives at the dashboard's root. */
export function parseDashboardAddress(address: string): URL {
  const trimmed = address.trim();
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new StudioError(`Ray address '${address}' is not a URL; give the dashboard's address, e.g. http://127.0.0.1:8265.`, 'input', 'rayAddress');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StudioError(
      `Ray address '${address}' uses ${url.protocol}; give the dashboard's http(s) address, e.g. http://127.0.0.1:8265 (not the ray:// client or GCS port).`,
      'input',
      'rayAddress',
    );
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new StudioError(`Ray address '${address}' has a path or credentials; give only http(s)://host:port (the token goes in --ray-token).`, 'input', 'rayAddress');
  }
  return url;
}
