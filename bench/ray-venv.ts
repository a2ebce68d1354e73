/**
 * lance-ray's venv, the benchmark's own (bench/.venv-ray): made from bench/ray-requirements.txt
 * with the project's python3 when missing, refreshed when the pins change (a stamp of the
 * requirements, as scripts/setup.sh does for the app's venvs). Its own, not the tests'
 * .venv-ray, so `npm run bench` works on a machine that never ran the Ray tests.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, REPO } from './paths.js';

export const RAY_VENV = join(BENCH, '.venv-ray');
const REQUIREMENTS = join(BENCH, 'ray-requirements.txt');
// What the requirements include (-r) is part of the pins.
const INCLUDED = join(REPO, 'engine', 'python', 'requirements.txt');

export interface RayVenv {
  python: string;
  rayBin: string;
  /** Seconds spent making or refreshing it (0 when it was up to date). */
  setupS: number;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

export function ensureRayVenv(): RayVenv {
  const python = join(RAY_VENV, 'bin', 'python');
  const stampFile = join(RAY_VENV, '.requirements.sha');
  const want = createHash('sha256').update(readFileSync(REQUIREMENTS)).update(readFileSync(INCLUDED)).digest('hex');
  const t0 = performance.now();
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (!existsSync(python) || current !== want) {
    console.log(`Making lance-ray's venv (${RAY_VENV}) from bench/ray-requirements.txt ...`);
    if (!existsSync(python)) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', RAY_VENV]);
    run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
    writeFileSync(stampFile, want + '\n');
  }
  return { python, rayBin: join(RAY_VENV, 'bin', 'ray'), setupS: (performance.now() - t0) / 1000 };
}
