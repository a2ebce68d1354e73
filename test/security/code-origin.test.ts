/**
 * Issue 9, item 3: no code and no files from where they shouldn't come. A namespace `impl` names
 * a Python module to import; the engine's Python must not import from the current folder; an
 * index parameter must not lead Lance to load a tokenizer model from an arbitrary folder.
 * Every attack runs against the real engine (both launchers) and a real dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork, spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dispatchCall } from '@shared/contract/bridge.js';
import { StudioService } from '@core/studio-service.js';
import { LocalEngine } from '@engine/local-engine.js';
import { engineEnv } from '@engine/python-env.js';
import { CLI, REPO } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { makeSample } from '../e2e/support/dataset.js';

let dir: string;
let uri: string;

beforeAll(async () => {
  dir = await makeTempDir('code-origin');
  uri = join(dir, 'reviews.lance');
  await makeSample(uri, 2000, 2);
});
afterAll(() => removeDir(dir));

/**
 * Python's stdlib `antigravity` opens a web page when imported, and `webbrowser` runs whatever
 * $BROWSER names: importing a module of the caller's choosing is enough to run a program.
 */
async function browserThatLeavesAMark(label: string): Promise<string> {
  const mark = join(dir, `${label}.ran`);
  const script = join(dir, `${label}-browser.sh`);
  await writeFile(script, `#!/bin/sh\ntouch '${mark}'\n`);
  await chmod(script, 0o755);
  process.env.BROWSER = script;
  return mark;
}

const namespaceTarget = (impl: string) => ({
  namespace: { root: dir, impl, properties: {} },
  tableId: ['reviews'],
  storageOptions: {},
});

describe('a namespace implementation other than dir or rest', () => {
  it('is refused by the API (both bridges dispatch this way), naming the value and what is accepted', async () => {
    const mark = await browserThatLeavesAMark('api');
    const service = new StudioService({ stateDir: join(dir, 'state'), lancedbCheck: false });
    try {
      const r = await dispatchCall(service.handlers, 'describeDataset', { target: namespaceTarget('antigravity.Namespace') });
      expect(existsSync(mark)).toBe(false);
      expect(r.ok).toBe(false);
      const message = r.ok ? '' : r.error.message;
      expect(message).toContain("'antigravity.Namespace'");
      expect(message).toContain("'dir'");
      expect(message).toContain("'rest'");
    } finally {
      await service.close();
    }
  });

  it('is refused by the engine itself, before anything is imported', async () => {
    const mark = await browserThatLeavesAMark('engine');
    const engine = new LocalEngine();
    try {
      const err = await engine.describe(namespaceTarget('antigravity.Namespace')).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(existsSync(mark)).toBe(false);
      expect(err?.message).toContain("'antigravity.Namespace'");
      expect(err?.message).toContain("'dir' or 'rest'");
    } finally {
      await engine.close();
    }
  });
});

/** A folder holding a `lance.py` that leaves a mark when Python imports it instead of pylance. */
async function folderWithFakeLance(label: string): Promise<{ cwd: string; mark: string }> {
  const cwd = join(dir, label);
  await mkdir(cwd, { recursive: true });
  const mark = join(cwd, 'fake-lance-was-imported');
  await writeFile(join(cwd, 'lance.py'), `open(${JSON.stringify(mark)}, "w").close()\n`);
  return { cwd, mark };
}

describe("the engine's Python, started from a folder holding a lance.py", () => {
  it("imports the real pylance, not the folder's (child_process launcher, via the CLI)", async () => {
    const { cwd, mark } = await folderWithFakeLance('cli-cwd');
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'describe', '--uri', uri, '--json'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(existsSync(mark)).toBe(false);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it("imports the real pylance, not the folder's (the relay worker Electron forks)", async () => {
    const { cwd, mark } = await folderWithFakeLance('relay-cwd');
    const relay = fork(join(REPO, 'out', 'node', 'worker.js'), [], { cwd, env: engineEnv(), stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const first = await new Promise<Record<string, unknown>>((resolve) => {
      relay.once('message', (m) => resolve(m as Record<string, unknown>));
      relay.once('exit', (code) => resolve({ exited: code }));
    });
    if (relay.exitCode === null) {
      const gone = new Promise((resolve) => relay.once('exit', resolve));
      if (relay.connected) relay.disconnect(); // the relay closes Python's input; both exit
      await gone;
    }
    expect(existsSync(mark)).toBe(false);
    expect(first).toMatchObject({ ready: true });
  });
});

describe('an FTS base_tokenizer that names a folder', () => {
  it("can't point Lance's tokenizer model loader outside its model folder", async () => {
    // Lance loads jieba/<name> from $LANCE_LANGUAGE_MODEL_HOME/jieba/<name>, '..' included.
    const models = join(dir, 'models');
    await mkdir(join(models, 'jieba'), { recursive: true });
    const planted = join(dir, 'planted-model');
    await mkdir(planted, { recursive: true });
    await writeFile(join(planted, 'dict.txt'), 'great 100 a\nproduct 100 n\n');
    process.env.LANCE_LANGUAGE_MODEL_HOME = models;
    const value = 'jieba/../../planted-model';

    const r = await runCli(['build', '--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '1', '--param', `base_tokenizer=${value}`]);
    expect(r.stderr + r.stdout).toContain(`'${value}'`);
    expect(r.stderr + r.stdout).toContain('jieba/<model>');
    expect(r.code).toBe(2);
  });

  it('still accepts the tokenizers pylance 10 ships', async () => {
    const r = await runCli([
      'build',
      '--uri',
      uri,
      '--column',
      'review',
      '--type',
      'FTS',
      '--workers',
      '1',
      '--param',
      'base_tokenizer=whitespace',
      '--name',
      'ws_idx',
    ]);
    expect(r.stderr).not.toContain('base_tokenizer');
    expect(r.code).toBe(0);
  });
});
