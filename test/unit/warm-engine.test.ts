/**
 * Whether the CLI may use a warm engine (electron/engine/local/warm-engine.ts): only the user's
 * own, only alive, only one running what the CLI would run. Real files in a temporary folder; the
 * "running" engine is this test's own process (alive), or a pid that has exited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineFingerprint, matchingWarmEngine, privateWarmFolder, runningWarmEngine, socketPathIn, warmFolder } from '@engine/local/warm-engine.js';

let root: string;
let folder: string;
const PYTHON = '/usr/bin/python3-for-this-test';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'warm-unit-'));
  folder = join(root, 'w');
  mkdirSync(folder, { mode: 0o700 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeInfo(info: Record<string, unknown>): void {
  writeFileSync(join(folder, 'engine.json'), JSON.stringify(info));
}
const info = (over: Record<string, unknown> = {}) => ({
  pid: process.pid,
  socket: socketPathIn(folder),
  fingerprint: engineFingerprint(PYTHON),
  pylance: '14.0.2',
  idle_timeout_s: 60,
  started_at: 0,
  ...over,
});

describe('finding a warm engine the CLI may use', () => {
  it('finds one that is alive and runs what the CLI would run', () => {
    writeInfo(info());
    expect(runningWarmEngine(folder)?.pid).toBe(process.pid);
    expect(matchingWarmEngine(PYTHON, folder)?.socket).toBe(socketPathIn(folder));
  });

  it('passes over one that runs another interpreter', () => {
    writeInfo(info());
    expect(matchingWarmEngine('/another/python', folder)).toBeUndefined();
    expect(engineFingerprint('/another/python')).not.toBe(engineFingerprint(PYTHON));
  });

  it('passes over one whose process has exited', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeInfo(info({ pid: gone }));
    expect(runningWarmEngine(folder)).toBeUndefined();
  });

  it('passes over a garbled or foreign info file', () => {
    writeFileSync(join(folder, 'engine.json'), '{not json');
    expect(runningWarmEngine(folder)).toBeUndefined();
    writeInfo(info({ pid: 'one' }));
    expect(runningWarmEngine(folder)).toBeUndefined();
    writeInfo(info({ socket: '/elsewhere/engine.sock' }));
    expect(runningWarmEngine(folder)).toBeUndefined();
  });

  it('never uses a folder open to others (it would be sent the environment, credentials included)', () => {
    writeInfo(info());
    chmodSync(folder, 0o755);
    expect(runningWarmEngine(folder)).toBeUndefined();
    expect(() => privateWarmFolder(folder)).toThrow(/is open to others \(mode 755; it must be 700\)/);
  });

  it('makes a missing folder closed to others', () => {
    const made = privateWarmFolder(join(root, 'new'));
    expect(runningWarmEngine(made)).toBeUndefined();
    expect(() => privateWarmFolder(made)).not.toThrow();
  });

  it("lives where LANCE_INDEX_WARM_DIR says, else in a folder of the user's own", () => {
    expect(warmFolder({ LANCE_INDEX_WARM_DIR: folder })).toBe(folder);
    expect(warmFolder({ XDG_RUNTIME_DIR: '/run/user/7' })).toBe('/run/user/7/lance-index');
    expect(warmFolder({})).toBe(join(tmpdir(), `lance-index-${process.getuid!()}`));
  });
});
