/** The engine set-up's pure logic: pip's lines, the progress they make, a Python's verdict, the app's layouts. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  distInfoNames,
  downloadFraction,
  foldPipLine,
  initialPipProgress,
  installProgress,
  overallFraction,
  parsePipLine,
  pipHasRawProgress,
  type PipProgress,
} from '@engine/setup/pip-progress';
import { pythonVerdict } from '@engine/setup/python-verdict';
import { baseProblem } from '@engine/setup/find-python';
import { resolveLayout } from '@engine/app-layout';
import { currentPackageLine, stepStates, whyEngineScreen } from '@renderer/features/engine/engine-words';
import { initialSetupState } from '@shared/contract/engine-setup';

// pip 26's own lines (--progress-bar raw), as printed for engine/python/requirements.txt.
const PIP_RUN = `Looking in links: /opt/wheels
Collecting pylance==14.0.2 (from -r /app/engine/python/requirements.txt (line 5))
  Downloading pylance-14.0.2-cp310-abi3-manylinux_2_28_x86_64.whl (85.3 MB)
Progress 0 of 85300000
Progress 42650000 of 85300000
Progress 85300000 of 85300000
Collecting pyarrow==26.0.1 (from -r /app/engine/python/requirements.txt (line 6))
  Using cached pyarrow-26.0.1-cp311-cp311-manylinux_2_28_x86_64.whl (55.0 MB)
Installing collected packages: pyarrow, pylance
Successfully installed pyarrow-26.0.1 pylance-14.0.2`.split('\n');

const fold = (lines: string[]): PipProgress[] => {
  const states: PipProgress[] = [];
  let p = initialPipProgress();
  for (const l of lines) {
    const parsed = parsePipLine(l);
    if (parsed) p = foldPipLine(p, parsed);
    states.push(p);
  }
  return states;
};

describe("pip's lines", () => {
  it('parses the lines that say which package and how far, and ignores the rest', () => {
    expect(parsePipLine(PIP_RUN[0]!)).toBeNull();
    expect(parsePipLine(PIP_RUN[1]!)).toEqual({ kind: 'collecting', name: 'pylance' });
    expect(parsePipLine(PIP_RUN[2]!)).toEqual({ kind: 'downloading', file: 'pylance-14.0.2-cp310-abi3-manylinux_2_28_x86_64.whl', size: '85.3 MB' });
    expect(parsePipLine(PIP_RUN[4]!)).toEqual({ kind: 'bytes', done: 42650000, total: 85300000 });
    expect(parsePipLine(PIP_RUN[7]!)).toMatchObject({ kind: 'cached' });
    expect(parsePipLine(PIP_RUN[8]!)).toEqual({ kind: 'installing', names: ['pyarrow', 'pylance'] });
    expect(parsePipLine('ERROR: No matching distribution found for pylance==99')).toEqual({
      kind: 'error',
      text: 'No matching distribution found for pylance==99',
    });
    // An older pip's line without the "(from …)" part, and a name with an extra.
    expect(parsePipLine('Collecting pydantic_core==2.50.5')).toEqual({ kind: 'collecting', name: 'pydantic_core' });
    expect(parsePipLine('Collecting ray[default]==2.60.0')).toEqual({ kind: 'collecting', name: 'ray' });
  });

  it('the download fraction counts finished packages whole and the current one by its bytes, never going back', () => {
    const states = fold(PIP_RUN);
    const fractions = states.map((s) => downloadFraction(s, 2));
    expect(fractions[3]).toBe(0); // pylance, 0 bytes
    expect(fractions[4]).toBeCloseTo(0.25); // half of the first of two
    expect(fractions[5]).toBeCloseTo(0.5);
    expect(fractions[6]).toBeCloseTo(0.5); // pyarrow collected: the first counts whole, the second has no bytes yet
    expect(fractions[8]).toBe(1); // installing: the download is over
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(states[8]!.current).toBe('pyarrow');
    expect(states[9]!.phase).toBe('done');
  });

  it('install progress comes from the .dist-info folders, with names compared the way pip does', () => {
    const installed = distInfoNames(['pyarrow-26.0.1.dist-info', 'numpy', 'typing_extensions-4.16.0.dist-info', 'README.txt']);
    expect([...installed].sort()).toEqual(['pyarrow', 'typing-extensions']);
    expect(installProgress(['pyarrow', 'typing-extensions', 'pylance'], installed)).toEqual({ done: 2, current: 'pylance' });
    expect(installProgress(['Typing_Extensions'], installed)).toEqual({ done: 1, current: null });
  });

  it('uses --progress-bar raw only where pip has it (24.1 and later)', () => {
    expect(pipHasRawProgress('pip 23.2.1 from /x/site-packages/pip (python 3.11)')).toBe(false);
    expect(pipHasRawProgress('pip 24.0 from /x (python 3.12)')).toBe(false);
    expect(pipHasRawProgress('pip 24.1 from /x (python 3.12)')).toBe(true);
    expect(pipHasRawProgress('pip 26.3 from /x (python 3.13)')).toBe(true);
    expect(pipHasRawProgress('')).toBe(false);
  });

  it('the overall bar gives each step its own span, in order', () => {
    expect(overallFraction('find-python', 0)).toBe(0);
    expect(overallFraction('download', 1)).toBe(overallFraction('install', 0));
    expect(overallFraction('check', 1)).toBe(1);
    expect(overallFraction('install', 2)).toBe(overallFraction('install', 1)); // clamped
  });
});

describe("a Python's verdict", () => {
  const rules = { pin: '14.0.2', minPylance: '10.0.0' };
  const probe = { python: '3.11.2', canMakeVenv: true };

  it('ready only with the pinned pylance; another new-enough pylance is usable with a warning', () => {
    expect(pythonVerdict('/v/python', { ...probe, pylance: '14.0.2' }, undefined, rules)).toMatchObject({ verdict: 'ready', usable: true, pylance: '14.0.2' });
    const other = pythonVerdict('/v/python', { ...probe, pylance: '10.0.0' }, undefined, rules);
    expect(other).toMatchObject({ verdict: 'other-pylance', usable: true });
    expect(other.message).toContain('built and tested for pylance 14.0.2');
  });

  it('refuses a pylance too old, no pylance, an import that fails, an old Python, and no Python at all', () => {
    expect(pythonVerdict('p', { ...probe, pylance: '0.39.0' }, undefined, rules)).toMatchObject({ verdict: 'pylance-too-old', usable: false });
    const none = pythonVerdict(
      '/usr/bin/python3',
      { ...probe, importError: "ModuleNotFoundError: No module named 'lance'", missingModule: 'lance' },
      undefined,
      rules,
    );
    expect(none).toMatchObject({ verdict: 'no-pylance', usable: false });
    expect(none.message).toBe(
      "Python 3.11.2 has no pylance. Set up the engine (a venv with pylance 14.0.2), or pip install 'pylance==14.0.2' into this Python.",
    );
    // pyarrow missing under an installed pylance is a broken import, not "no pylance".
    expect(
      pythonVerdict('p', { ...probe, importError: "ModuleNotFoundError: No module named 'pyarrow'", missingModule: 'pyarrow' }, undefined, rules).verdict,
    ).toBe('import-fails');
    expect(pythonVerdict('p', { python: '3.9.18' }, undefined, rules)).toMatchObject({ verdict: 'python-too-old', usable: false });
    expect(pythonVerdict('/nope', undefined, 'no such file', rules)).toMatchObject({ verdict: 'not-python', usable: false, pythonVersion: null });
  });

  it('a base for the venv must be new enough and able to make one', () => {
    expect(baseProblem('python3', probe, undefined)).toBeUndefined();
    expect(baseProblem('python3.9', { python: '3.9.2', canMakeVenv: true }, undefined)).toContain('needs Python >= 3.10');
    expect(baseProblem('python3', { python: '3.11.2', canMakeVenv: false }, undefined)).toContain('apt-get install python3-venv');
    expect(baseProblem('python3.13', undefined, 'no such file')).toBe('python3.13: no such file');
  });
});

describe("the app's layout", () => {
  const files = (present: string[]) => (p: string) => present.includes(p);

  it('in a checkout: the folder with engine/python, found upwards from the bundle; the worker in its out/node', () => {
    const l = resolveLayout({ startDir: '/src/app/out/node', exists: files([join('/src/app', 'engine', 'python', 'lance_engine')]) });
    expect(l).toEqual({ kind: 'checkout', root: '/src/app', engineDir: '/src/app/engine/python', workerScript: '/src/app/out/node/worker.js' });
    // Electron started from a checkout (`electron .`): its own resources hold no engine.
    const dev = resolveLayout({
      startDir: '/src/app/out/main',
      resourcesPath: '/src/app/node_modules/electron/dist/resources',
      exists: files([join('/src/app', 'engine', 'python', 'lance_engine')]),
    });
    expect(dev.kind).toBe('checkout');
    expect(dev.engineDir).toBe('/src/app/engine/python');
  });

  it('packaged: the engine in resources (extraResources), the worker unpacked beside app.asar', () => {
    const res = '/opt/lance-index studio/resources';
    const l = resolveLayout({ startDir: `${res}/app.asar/out/main`, resourcesPath: res, exists: files([join(res, 'engine', 'python', 'lance_engine')]) });
    expect(l).toEqual({
      kind: 'packaged',
      root: res,
      engineDir: `${res}/engine/python`,
      workerScript: `${res}/app.asar.unpacked/out/node/worker.js`,
    });
    // The relay (a utility process) is told the root: same engine, same worker.
    expect(resolveLayout({ startDir: '/x', resourcesPath: res, rootOverride: res, exists: files([join(res, 'engine', 'python', 'lance_engine')]) })).toEqual(l);
  });
});

describe("the Engine screen's words", () => {
  const need = { dataDir: '/home/a/.config/studio', python: 'python3', source: 'path' as const, pin: '14.0.2' };

  it('says why it shows, naming the pin', () => {
    expect(whyEngineScreen({ ...need, reason: 'none-found' })).toContain('No engine is set up yet');
    expect(whyEngineScreen({ ...need, reason: 'pins-changed', source: 'data-dir' })).toContain('needs pylance 14.0.2');
    expect(whyEngineScreen({ ...need, reason: 'not-working', source: 'env', python: '/x/python' })).toContain('LANCE_INDEX_PYTHON points at /x/python');
  });

  it('steps before the current one are done; a failure marks the step it happened in', () => {
    const s = { ...initialSetupState(), status: 'running' as const, step: 'install' as const };
    expect(stepStates(s).map((x) => x.state)).toEqual(['done', 'done', 'done', 'running', 'waiting']);
    expect(stepStates({ ...s, status: 'failed' }).map((x) => x.state)).toEqual(['done', 'done', 'done', 'failed', 'waiting']);
    expect(stepStates({ ...s, status: 'done' }).every((x) => x.state === 'done')).toBe(true);
  });

  it('the package line carries the bytes when pip reports them', () => {
    const s = { ...initialSetupState(), package: 'pylance' };
    expect(currentPackageLine(s)).toBe('pylance');
    expect(currentPackageLine({ ...s, bytes: { done: 1024 * 1024, total: 4 * 1024 * 1024 } })).toBe('pylance · 1.00 MiB of 4.00 MiB');
    expect(currentPackageLine({ ...s, package: null })).toBeNull();
  });
});
