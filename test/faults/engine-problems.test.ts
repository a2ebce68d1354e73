/**
 * Engine and environment problems, each injected for real: no Python, a pylance that is too old,
 * a worker that can't start, a dataset that vanishes mid-build, a full disk, Ctrl-C in the CLI.
 * Each must end in a clear message with nothing half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalEngine } from '@engine/local-engine.js';
import { pythonExecutable } from '@engine/python-env.js';
import { pinnedPylance } from '@engine/pins.js';
import { CLI, build, copyDataset, datasetVersion, snapshot, tempDir } from './support.js';

let engine: LocalEngine;
let base: string;

beforeAll(async () => {
  spawnSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
  engine = new LocalEngine();
  base = join(tempDir(), 'reviews.lance');
  await engine.writeSample({ out: base, rows: 60_000, fragments: 6 });
});
afterAll(() => engine?.close());

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('the Python engine', () => {
  it('missing: a clear message with the set-up command, exit 1, dataset untouched', () => {
    const uri = copyDataset(base, join(tempDir(), 'a.lance'));
    const before = snapshot(uri);
    const r = cli(['build', '--uri', uri, '--column', 'id', '--type', 'BTREE'], { LANCE_INDEX_PYTHON: '/nonexistent/python3' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/The Python engine \(worker 0\) could not start: .*ENOENT/s);
    expect(r.stderr).toMatch(
      new RegExp(`Python >= 3.10 with pylance >= 10\\.0\\.0 \\(it is built for ${pinnedPylance().replaceAll('.', '\\.')}\\); run \`lance-index engine setup\``),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(uri)).toEqual(before);
  });

  it('a pylance too old for fragment-level builds is refused with the upgrade command', () => {
    const uri = copyDataset(base, join(tempDir(), 'b.lance'));
    // An interpreter whose engine reports pylance 0.9 (answers only the ready handshake).
    const fake = join(tempDir(), 'old-python');
    writeFileSync(
      fake,
      `#!/bin/sh\nexec ${pythonExecutable()} -c 'import json,sys; print(json.dumps({"ready": True, "pid": 1, "pylance": "0.9.0", "pyarrow": "14", "python": "3.11", "startup_s": 0}), flush=True); sys.stdin.read()'\n`,
    );
    chmodSync(fake, 0o755);
    const before = snapshot(uri);
    const r = cli(['build', '--uri', uri, '--column', 'id', '--type', 'BTREE'], { LANCE_INDEX_PYTHON: fake });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pylance 0.9.0 is too old: building an index over chosen fragments needs pylance >= 10.0.0/);
    expect(r.stderr).toContain(`pip install 'pylance==${pinnedPylance()}'`);
    expect(snapshot(uri)).toEqual(before);
  });

  it('a worker that dies on start is reported with its exit and last output', () => {
    const fake = join(tempDir(), 'crashing-python');
    writeFileSync(fake, '#!/bin/sh\necho "ImportError: libfoo.so: cannot open shared object file" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    const r = cli(['describe', '--uri', base], { LANCE_INDEX_PYTHON: fake });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not start: exit code 3\. Its last output:\nImportError: libfoo\.so/);
  });
});

describe('a query that crashes Lance', () => {
  it('is said to have crashed Lance, changes nothing, and the next query runs on a new engine', async () => {
    const target = { uri: base, storageOptions: {} };
    const version = datasetVersion(base);
    // ~700 chained operators overflow Lance's stack in its expression code (pylance 14.0.3): SIGSEGV.
    const crash = engine.query(target, { filter: `${'id + '.repeat(2000)}1 = 2`, limit: 5 });
    await expect(crash).rejects.toThrow(
      /^The query crashed Lance \(worker \d+ \(pid \d+\) died: killed by SIGSEGV\)\. A filter with hundreds of chained operators/,
    );
    expect(datasetVersion(base)).toBe(version);
    const next = await engine.query(target, { filter: 'id < 10', limit: 5 });
    expect(next.rows.length).toBeGreaterThan(0);
    expect(next.rows.every((r) => Number(r.id) < 10)).toBe(true);
  });
});

describe('the dataset', () => {
  it('vanishing mid-build: the build fails with a message, and nothing was written into it', async () => {
    const dir = tempDir();
    const uri = copyDataset(base, join(dir, 'c.lance'));
    const before = snapshot(uri);
    const moved = join(dir, 'c-moved.lance');
    let did = false;
    const { result } = await build(engine, { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2, retries: 0 }, (e) => {
      if (e.type === 'batch-started' && !did) {
        did = true;
        renameSync(uri, moved);
      }
    });
    expect(did).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/Index building failed:\nbatch \d .*(No such file|not found|NotFound)/is);
    expect(snapshot(moved)).toEqual(before);
  });

  it('on a full disk: a clear error, and the partial index files are removed', async () => {
    const mnt = tempDir('lis-full-');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mnt]);
    expect(mounted.status, `mounting a small tmpfs needs root: ${mounted.stderr}`).toBe(0);
    try {
      const small = join(tempDir(), 'small.lance');
      await engine.writeSample({ out: small, rows: 40_000, fragments: 4 });
      const uri = copyDataset(small, join(mnt, 'd.lance'));
      const before = snapshot(uri);
      // Fill what is left so the index can't be written.
      spawnSync('sh', [
        '-c',
        `dd if=/dev/zero of=${mnt}/filler bs=64k 2>/dev/null; rm -f ${mnt}/filler; dd if=/dev/zero of=${mnt}/filler bs=64k count=$(( $(df --output=avail -k ${mnt} | tail -1) / 64 - 8 )) 2>/dev/null`,
      ]);
      const { result } = await build(engine, { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2, retries: 0 });
      expect(result.ok).toBe(false);
      expect(result.error?.message).toMatch(/No space left on device|os error 28|StorageFull|ENOSPC/i);
      expect(snapshot(uri)).toEqual(before);
    } finally {
      spawnSync('umount', ['-l', mnt]);
    }
  });
});

describe('Ctrl-C in the CLI', () => {
  it('cancels the build: exit 130, nothing committed, dataset unchanged', async () => {
    const uri = copyDataset(base, join(tempDir(), 'e.lance'));
    const before = snapshot(uri);
    const version = datasetVersion(uri);
    const child = spawn(process.execPath, [CLI, 'build', '--uri', uri, '--column', 'review', '--type', 'FTS', '--workers', '2', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const lines = createInterface({ input: child.stdout });
    let sent = false;
    lines.on('line', (line) => {
      const e = JSON.parse(line);
      if (!sent && e.type === 'batch-started') {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toMatch(/Cancelling/);
    expect(datasetVersion(uri)).toBe(version);
    expect(snapshot(uri)).toEqual(before);
    expect(existsSync(join(uri, '_indices'))).toBe(existsSync(join(base, '_indices')));
  });
});
