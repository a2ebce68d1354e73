/** Runs the real `lance-index` CLI as a child process and reads what it printed. */
import { spawn } from 'node:child_process';
import type { BuildEvent, BuildResult } from '@shared/contract/build.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';
import { CLI, REPO } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], timeoutMs = 90_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', ...extraEnv };
    delete env.LANCE_INDEX_DEBUG; // stack traces on stderr are exactly what some tests look for
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // A hung CLI must fail its test, not the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export interface BuildRun extends CliRun {
  events: BuildEvent[];
  result: BuildResult;
}

/** `lance-index build ... --json`: every event line, and the final result. */
export async function buildJson(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<BuildRun> {
  const run = await runCli(['build', ...args, '--json'], opts.timeoutMs, opts.env);
  const events = run.stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as BuildEvent);
  const last = events.at(-1);
  if (last?.type !== 'result') {
    throw new Error(`build printed no result (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return { ...run, events, result: last.result };
}

/** Builds and insists it succeeded; the message carries the CLI's own output when it didn't. */
export async function buildOk(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<BuildRun> {
  const run = await buildJson(args, opts);
  if (run.code !== 0 || !run.result.ok) {
    throw new Error(`build ${args.join(' ')} exited ${run.code}: ${run.result.error?.message ?? JSON.stringify(run.result.verification)}\n${run.stderr}`);
  }
  return run;
}

/** `lance-index describe --json` for a target given as CLI flags (e.g. ['--uri', path]). */
export async function describeJson(targetArgs: string[]): Promise<DatasetDescription> {
  const run = await runCli(['describe', ...targetArgs, '--json']);
  if (run.code !== 0) throw new Error(`describe ${targetArgs.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as DatasetDescription;
}
