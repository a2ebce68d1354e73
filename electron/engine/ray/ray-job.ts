/**
 * One lance-index job on a Ray cluster, start to end: upload the engine (once) and the job's spec,
 * submit, follow the log and hand each marked event line to the caller, stop the job on abort.
 */
import { randomUUID } from 'node:crypto';
import { StudioError } from '../engine-errors.js';
import { ENGINE_DIR } from '../python-env.js';
import { enginePackage, specPackage, MAX_PACKAGE_BYTES, type JobPackage } from './job-packages.js';
import { JobLogFollower } from './job-log.js';
import { RAY_PROTOCOL } from './ray-protocol.js';
import type { JobInfo, RayClient } from './ray-client.js';
import { explainJobFailure } from './job-failure.js';
import { pinnedPackages } from '../pins.js';

export type JobEvent = { type: string } & Record<string, unknown>;

export interface RayJobOptions {
  /** What the job does ({kind: 'call'|'build', ...}, see lance_engine/ray_job.py). */
  spec: { kind: 'call' | 'build' } & Record<string, unknown>;
  onEvent?: (e: JobEvent) => void;
  onSubmitted?: (submissionId: string) => void;
  /** Aborting stops the job; the promise still resolves once Ray says it has stopped. */
  signal?: AbortSignal;
  /** Add the engine's exact pins to the job's runtime_env (clusters that reach a package index). */
  pip?: boolean;
  engineDir?: string;
}

export interface RayJobOutcome {
  info: JobInfo;
  events: JobEvent[];
  /** The error event the driver printed, if any (it refused, or a call failed). */
  error?: { kind: string; message: string };
}

/** The driver's last word: a job prints one of these, then exits. */
const FINAL_EVENTS: ReadonlySet<string> = new Set(['build-finished', 'call-result', 'error']);

/** Lines of the log that aren't events, kept to explain a job that died without saying why. */
const KEEP_OTHER_LINES = 40;

export async function runRayJob(client: RayClient, opts: RayJobOptions): Promise<RayJobOutcome> {
  const engineDir = opts.engineDir ?? ENGINE_DIR;
  const engine = enginePackage(engineDir);
  const spec = specPackage(opts.spec);
  await upload(client, engine);
  await upload(client, spec);
  const submissionId = `lance-index-${opts.spec.kind}-${randomUUID()}`;
  const runtimeEnv: Record<string, unknown> = { working_dir: engine.uri, py_modules: [spec.uri] };
  if (opts.pip) runtimeEnv.pip = { packages: pinnedPackages(engineDir), pip_check: false };
  await client.submit({
    entrypoint: `python -m ${RAY_PROTOCOL.entry_module}`,
    submission_id: submissionId,
    runtime_env: runtimeEnv,
    metadata: { app: 'lance-index', kind: opts.spec.kind },
  });
  opts.onSubmitted?.(submissionId);

  const events: JobEvent[] = [];
  const otherLines: string[] = [];
  let error: RayJobOutcome['error'];
  const stop = () => void client.stop(submissionId).catch(() => undefined); // following notices the job end either way
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    const follower = new JobLogFollower(client, submissionId, {
      onLine: (line) => {
        const event = parseEventLine(line);
        if (!event) {
          if (line.trim()) otherLines.push(line);
          if (otherLines.length > KEEP_OTHER_LINES) otherLines.shift();
          return;
        }
        events.push(event);
        if (event.type === 'error') error = { kind: String(event.kind), message: String(event.message) };
        opts.onEvent?.(event);
        return FINAL_EVENTS.has(event.type);
      },
    });
    const info = await follower.follow();
    if (info.status === 'FAILED' && !error) error = explainJobFailure(info, otherLines, engineDir);
    return { info, events, error };
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}

export function parseEventLine(line: string): JobEvent | undefined {
  const at = line.indexOf(RAY_PROTOCOL.event_prefix);
  if (at < 0) return undefined;
  try {
    const e = JSON.parse(line.slice(at + RAY_PROTOCOL.event_prefix.length)) as unknown;
    return e && typeof e === 'object' && typeof (e as JobEvent).type === 'string' ? (e as JobEvent) : undefined;
  } catch {
    return undefined;
  }
}

async function upload(client: RayClient, pkg: JobPackage): Promise<void> {
  if (pkg.bytes.length > MAX_PACKAGE_BYTES) {
    throw new StudioError(`The job's package ${pkg.name} is ${pkg.bytes.length} bytes; Ray takes at most ${MAX_PACKAGE_BYTES}.`, 'input');
  }
  if (await client.hasPackage(pkg.name)) return;
  await client.uploadPackage(pkg.name, pkg.bytes);
}
