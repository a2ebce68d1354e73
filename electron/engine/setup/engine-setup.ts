/**
 * Sets the engine up in a per-user data folder: a venv with the exact pins of
 * engine/python/requirements.txt, made from a Python >= 3.10.
 *
 * Nothing half-installed is ever where the engine looks: the venv is made in a folder beside the
 * target (engine-venv.partial-<pid>), checked, stamped, and only then renamed into place (an
 * engine set up earlier is moved aside first and removed after). A cancel or a failure removes
 * the partial folder; one left by a crash is removed by the next set-up, which starts clean.
 * A lock file keeps two set-ups (two windows, a window and the CLI) out of one folder.
 */
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SetupStep } from '@shared/contract/engine-setup.js';
import { MIN_PYLANCE } from '../python-env.js';
import { pinnedPackages, pinnedPylance, pinsDigest, requirementsFile } from '../pins.js';
import { CHOSEN_PYTHON_FILE, ENGINE_STAMP_FILE, ENGINE_VENV_DIR, engineVenvDir, venvPython, type EngineStamp } from '../engine-location.js';
import { findBasePython } from './find-python.js';
import { checkPython } from './check-python.js';
import {
  distInfoNames, downloadFraction, foldPipLine, initialPipProgress, installProgress, overallFraction, parsePipLine, pipHasRawProgress,
} from './pip-progress.js';
import { CancelledError, runProcess } from './run-process.js';

export interface SetupProgress {
  step: SetupStep;
  fraction: number;
  package: string | null;
  bytes: { done: number; total: number } | null;
  detail: string;
}

export interface SetupOptions {
  dataDir: string;
  /** The Python to make the venv from; the newest good one on PATH when left out. */
  python?: string;
  signal?: AbortSignal;
  onProgress?: (p: SetupProgress) => void;
  onLog?: (line: string) => void;
  /** How often the install's progress is read from the venv's site-packages. */
  installPollMs?: number;
}

export interface SetupResult {
  venv: string;
  python: string;
  basePython: string;
  pylance: string;
}

export class SetupError extends Error {}

const LOCK_FILE = 'engine-setup.lock';
const PARTIAL = `${ENGINE_VENV_DIR}.partial-`;
const OLD = `${ENGINE_VENV_DIR}.old-`;

export async function setUpEngine(o: SetupOptions): Promise<SetupResult> {
  await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  const release = await takeLock(o.dataDir);
  const partial = join(o.dataDir, `${PARTIAL}${process.pid}`);
  try {
    await removeLeftovers(o.dataDir);
    return await setUpLocked(o, partial);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  } finally {
    await release();
  }
}

async function setUpLocked(o: SetupOptions, partial: string): Promise<SetupResult> {
  const report = (p: SetupProgress) => o.onProgress?.(p);
  const log = (line: string) => o.onLog?.(line);
  const pins = pinnedPackages();
  const pin = pinnedPylance();

  report({ step: 'find-python', fraction: 0, package: null, bytes: null, detail: o.python ? `Checking ${o.python}` : 'Looking for Python >= 3.10' });
  const base = await findBasePython(o.python, o.signal);
  log(`Python ${base.version} at ${base.python}`);

  report({ step: 'create-venv', fraction: overallFraction('create-venv', 0), package: null, bytes: null, detail: `Creating a venv with Python ${base.version}` });
  await mustSucceed('python -m venv', runProcess(base.python, ['-m', 'venv', partial], { signal: o.signal, onLine: log }));
  const py = venvPython(partial);
  let pipVersion = '';
  await runProcess(py, ['-m', 'pip', '--version'], { signal: o.signal, onLine: (l) => (pipVersion ||= l) });
  log(pipVersion);

  const sitePackages = await findSitePackages(partial);
  let progress = initialPipProgress();
  const tell = () => {
    if (progress.phase === 'download') {
      report({
        step: 'download',
        fraction: overallFraction('download', downloadFraction(progress, pins.length)),
        package: progress.current,
        bytes: progress.bytes,
        detail: progress.current ? `Downloading package ${progress.collected.length} of ${pins.length}` : 'Resolving the pinned packages',
      });
    }
  };
  tell();
  // pip is quiet while it installs: the .dist-info folders appearing say which packages are in place.
  let lastInstalled = -1;
  const watchInstall = async () => {
    if (progress.phase !== 'install') return;
    const names = distInfoNames(await readdir(sitePackages).catch(() => []));
    const { done, current } = installProgress(progress.installOrder, names);
    if (done === lastInstalled) return;
    lastInstalled = done;
    const total = progress.installOrder.length;
    report({
      step: 'install', fraction: overallFraction('install', total ? done / total : 0), package: current, bytes: null,
      detail: current ? `Installing package ${done + 1} of ${total}` : `Installed ${total} packages`,
    });
  };
  const poll = setInterval(() => void watchInstall(), o.installPollMs ?? 300);
  try {
    const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--require-virtualenv',
      '--progress-bar', pipHasRawProgress(pipVersion) ? 'raw' : 'off', '-r', requirementsFile()];
    await mustSucceed('pip install', runProcess(py, args, {
      signal: o.signal,
      onLine: (line) => {
        const parsed = parsePipLine(line);
        if (parsed?.kind !== 'bytes') log(line); // a download's byte counts would drown the log
        if (!parsed) return;
        const wasInstalling = progress.phase === 'install';
        progress = foldPipLine(progress, parsed);
        if (progress.phase === 'install' && !wasInstalling) void watchInstall();
        tell();
      },
    }));
  } finally {
    clearInterval(poll);
  }

  report({ step: 'check', fraction: overallFraction('check', 0), package: null, bytes: null, detail: 'Checking that the engine imports pylance' });
  const check = await checkPython(py, o.signal);
  log(check.message);
  if (check.verdict !== 'ready') throw new SetupError(`The new venv doesn't run the engine: ${check.message}`);

  const stamp: EngineStamp = { pins: pinsDigest(), pylance: check.pylance ?? pin, python: check.pythonVersion ?? base.version, basePython: base.python, createdAt: new Date().toISOString() };
  await writeFile(join(partial, ENGINE_STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
  const venv = await moveIntoPlace(o.dataDir, partial);
  // A set-up is the latest word on which Python to use: an earlier "use an existing Python" yields to it.
  await rm(join(o.dataDir, CHOSEN_PYTHON_FILE), { force: true });
  report({ step: 'check', fraction: 1, package: null, bytes: null, detail: `Engine ready: pylance ${stamp.pylance} (minimum ${MIN_PYLANCE})` });
  return { venv, python: venvPython(venv), basePython: base.python, pylance: stamp.pylance };
}

async function mustSucceed(what: string, run: ReturnType<typeof runProcess>): Promise<void> {
  const r = await run;
  if (r.code !== 0) {
    const lastError = [...r.tail].reverse().find((l) => /error/i.test(l)) ?? r.tail.at(-1) ?? '';
    throw new SetupError(`${what} failed (exit ${r.code ?? r.signal}): ${lastError.trim()}`);
  }
}

async function findSitePackages(venv: string): Promise<string> {
  if (process.platform === 'win32') return join(venv, 'Lib', 'site-packages');
  const lib = join(venv, 'lib');
  const py = (await readdir(lib)).find((d) => d.startsWith('python'));
  return join(lib, py ?? 'python3', 'site-packages');
}

/** Two renames, each atomic: the old engine aside, the new one in; then the old one removed. */
async function moveIntoPlace(dataDir: string, partial: string): Promise<string> {
  const target = engineVenvDir(dataDir);
  const old = join(dataDir, `${OLD}${process.pid}`);
  const hadOld = await rename(target, old).then(() => true, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return false;
    throw e;
  });
  await rename(partial, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return target;
}

/** Partial and old folders a crashed or killed set-up left behind (the lock says none is running). */
async function removeLeftovers(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (name.startsWith(PARTIAL) || name.startsWith(OLD)) await rm(join(dataDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lock = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const f = await open(lock, 'wx');
      await f.writeFile(String(process.pid));
      await f.close();
      return () => rm(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && alive(holder)) {
        throw new SetupError(`Another engine set-up is running in ${dataDir} (process ${holder}); wait for it to finish.`);
      }
      await rm(lock, { force: true }); // its owner is gone: a crashed set-up
    }
  }
  throw new SetupError(`Could not take the set-up lock in ${dataDir}.`);
}

export { CancelledError };
