/**
 * What the numbers were measured on: a benchmark's results mean little without the machine, the
 * versions of every tool, and how busy the machine was (these cores may be shared).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  python: string;
  loadAtStart: number[];
}

export function describeMachine(python: string): Machine {
  const osRelease = existsSync('/etc/os-release') ? /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGiB: totalmem() / 1024 ** 3,
    os: `${osRelease ?? process.platform}, Linux ${release()}`,
    node: process.version,
    python: pyOut(python, 'import platform; print(platform.python_version())') ?? 'unknown',
    loadAtStart: loadavg(),
  };
}

/** One line a Python prints, or undefined when that Python is missing or fails. */
export function pyOut(python: string, code: string): string | undefined {
  try {
    return execFileSync(python, ['-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export const pylanceVersion = (python: string) => pyOut(python, 'import lance; print(lance.__version__)');

export function lancedbVersion(): string {
  return (JSON.parse(readFileSync(join(REPO, 'node_modules', '@lancedb', 'lancedb', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Which code the app's numbers are of: the commit, uncommitted app changes, and the CLI bundle's age. */
export function describeCode(): string {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const head = git(['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const dirty = (git(['status', '--porcelain', '--', 'electron', 'shared', 'engine']) ?? '').split('\n').filter(Boolean).length;
  const bundle = join(REPO, 'out', 'node', 'cli.js');
  const built = existsSync(bundle) ? new Date(statSync(bundle).mtimeMs).toISOString().slice(0, 16).replace('T', ' ') : 'missing';
  return `commit ${head}${dirty ? ` with ${dirty} uncommitted app files (electron/, shared/, engine/)` : ''}; CLI bundle out/node/cli.js built ${built} UTC`;
}
