/**
 * `lance-index engine check|setup` as a person runs them, and the set-up's promise: a cancel
 * leaves nothing, the next try starts clean from what a crash left, an engine made for other
 * pins is reported as needing set-up again. One real set-up (pip, from its cache or PyPI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { PYTHON } from '../helpers/paths';
import { makeTempDir, removeDir } from '../helpers/temp';
import { pinnedPylance } from '@engine/pins';
import { ENGINE_STAMP_FILE, ENGINE_VENV_DIR } from '@engine/engine-location';
import { CancelledError, setUpEngine, type SetupProgress } from '@engine/setup/engine-setup';
import { StudioService } from '@core/studio-service';

const SYSTEM_PYTHON = '/usr/bin/python3';
const NO_CHECKOUT = { LANCE_INDEX_NO_CHECKOUT_VENV: '1', LANCE_INDEX_PYTHON: '' };
let tmp: string;

beforeAll(async () => {
  tmp = await makeTempDir('engine-cmd');
});
afterAll(() => removeDir(tmp));

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n !== ENGINE_VENV_DIR);

describe('lance-index engine check', () => {
  it("says the checkout's .venv is ready: Python, the pinned pylance, where it was found", async () => {
    const r = await runCli(['engine', 'check', '--json'], 60_000, { LANCE_INDEX_PYTHON: '' });
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ python: PYTHON, source: 'checkout', verdict: 'ready', usable: true, pylance: pinnedPylance(), needsSetupAgain: null });
    const text = await runCli(['engine', 'check'], 60_000, { LANCE_INDEX_PYTHON: '' });
    expect(text.stdout).toContain(`The engine's Python: ${PYTHON} (from the checkout's .venv).`);
    expect(text.stdout).toContain(`OK: Python ${v.pythonVersion} with pylance ${pinnedPylance()}, the engine's pin: ready.`);
  });

  it('says a Python without pylance is not usable, with the fix, exit 1', async () => {
    const r = await runCli(['engine', 'check', '--python', SYSTEM_PYTHON, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ python: SYSTEM_PYTHON, verdict: 'no-pylance', usable: false, pylance: null });
    const text = await runCli(['engine', 'check', '--python', SYSTEM_PYTHON]);
    expect(text.stdout).toMatch(/^NOT USABLE: Python 3\.\d+\.\d+ has no pylance\. Set up the engine/);
  });

  it('refuses a --python that is no Python as bad input (exit 2), naming it and what is accepted', async () => {
    const missing = join(tmp, 'no-such-python');
    const r = await runCli(['engine', 'check', '--python', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: --python '${missing}': ${missing} could not be run as Python: no such file. Give the path (or command name) of a Python >= 3.10 executable, e.g. /usr/bin/python3.\n`,
    );
    const notPython = join(tmp, 'not-python.txt');
    writeFileSync(notPython, 'hello');
    expect((await runCli(['engine', 'check', '--python', notPython])).code).toBe(2);
  });

  it("reports a per-user engine set up for other pins as needing set-up again (CLI and the window's status)", async () => {
    const dataDir = join(tmp, 'old-pins');
    mkdirSync(join(dataDir, ENGINE_VENV_DIR, 'bin'), { recursive: true });
    symlinkSync(PYTHON, join(dataDir, ENGINE_VENV_DIR, 'bin', 'python'));
    writeFileSync(join(dataDir, ENGINE_VENV_DIR, ENGINE_STAMP_FILE), JSON.stringify({ pins: 'made-for-older-pins', pylance: '10.0.0' }));
    const r = await runCli(['engine', 'check', '--dir', dataDir, '--json'], 60_000, NO_CHECKOUT);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ source: 'data-dir', usable: false, python: join(dataDir, ENGINE_VENV_DIR, 'bin', 'python') });
    expect(v.needsSetupAgain).toBe('The per-user engine was set up for pylance 10.0.0; this version needs other pins: run `lance-index engine setup`.');

    const saved = { ...process.env };
    Object.assign(process.env, NO_CHECKOUT);
    const service = new StudioService({ stateDir: dataDir });
    try {
      const status = await service.handlers.engineStatus({});
      expect(status.ok).toBe(false);
      expect(status.setup).toEqual({ reason: 'pins-changed', dataDir, python: v.python, source: 'data-dir', pin: pinnedPylance() });
    } finally {
      await service.close();
      process.env = saved;
    }
  });
});

describe('lance-index engine setup', () => {
  it('refuses a bad --python and a --dir that is a file (exit 2) and writes nothing', async () => {
    const dataDir = join(tmp, 'refused');
    const r = await runCli(['engine', 'setup', '--python', join(tmp, 'nope'), '--dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--python '${join(tmp, 'nope')}'`);
    expect(r.stderr).toContain('Give the path (or command name) of a Python >= 3.10 executable');
    expect(readdirSync(dataDir)).toEqual([]); // the folder may be made; nothing in it
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const f = await runCli(['engine', 'setup', '--dir', file]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain(`--dir '${file}' is a file; give a folder`);
  });

  it('a cancel while pip installs leaves nothing; the next set-up clears what a crash left and makes a working engine', async () => {
    const dataDir = join(tmp, 'setup');
    const abort = new AbortController();
    const steps: SetupProgress[] = [];
    const cancelled = setUpEngine({
      dataDir,
      signal: abort.signal,
      onProgress: (p) => {
        steps.push(p);
        if (p.step === 'install') abort.abort(); // mid-install: some packages in place, others not
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(steps.some((p) => p.step === 'install')).toBe(true);
    expect(readdirSync(dataDir)).toEqual([]); // no venv, no partial folder, no lock

    // What a killed set-up leaves: its partial folder and its lock, held by a process long gone.
    mkdirSync(join(dataDir, `${ENGINE_VENV_DIR}.partial-999999`, 'lib'), { recursive: true });
    writeFileSync(join(dataDir, 'engine-setup.lock'), '999999');

    const r = await runCli(['engine', 'setup', '--dir', dataDir, '--json'], 600_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.type === 'progress').map((l) => l.fraction as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // the bar only goes up
    expect(progress.at(-1)).toBe(1);
    expect(new Set(lines.filter((l) => l.type === 'progress').map((l) => l.step))).toEqual(
      new Set(['find-python', 'create-venv', 'download', 'install', 'check']),
    );
    expect(lines.some((l) => l.type === 'log' && /Successfully installed/.test(l.line))).toBe(true);
    const result = lines.at(-1).result;
    expect(result).toMatchObject({ venv: join(dataDir, ENGINE_VENV_DIR), pylance: pinnedPylance() });
    expect(leftovers(dataDir)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dataDir, ENGINE_VENV_DIR, ENGINE_STAMP_FILE), 'utf8')).pylance).toBe(pinnedPylance());

    // Moved into place after it was made: it still runs, and the engine's lookup finds it.
    const check = await runCli(['engine', 'check', '--dir', dataDir, '--json'], 60_000, NO_CHECKOUT);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ source: 'data-dir', verdict: 'ready', python: result.python, needsSetupAgain: null });
  });
});
