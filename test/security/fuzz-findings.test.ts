/**
 * What the wire fuzzer found (issue 8.6), kept as plain tests: odd text reaching the engine and
 * odd tokens reaching Ray are refused as input naming what is wrong (not internal errors), and a
 * build on a path with no dataset starts no more engines than the machine has CPUs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { StudioService } from '@core/studio-service.js';
import { LocalEngine } from '@engine/local-engine.js';
import { PythonLauncher } from '@engine/local/process-launcher.js';
import type { BuildEvent } from '@shared/contract/build.js';
import { makeSample } from '../e2e/support/dataset.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let dir: string;
let dataset: string;
let launches = 0;
let service: StudioService;

beforeAll(async () => {
  dir = await makeTempDir('fuzz-findings');
  dataset = join(dir, 'reviews.lance');
  await makeSample(dataset, 2000, 2);
  const python = new PythonLauncher();
  const engine = new LocalEngine({ kind: python.kind, launch: () => (launches++, python.launch()) });
  service = new StudioService({ stateDir: join(dir, 'state'), engine, lancedbCheck: false });
});
afterAll(async () => {
  await service?.close();
  await removeDir(dir);
});

/** The error a call ends with, as the window gets it. */
async function failureOf(call: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await call;
  } catch (err) {
    return { kind: (err as { kind: string }).kind, message: (err as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('text no file name can hold', () => {
  it.each([
    ['a NUL character', `${'x'}\u0000y.lance`, /contains a NUL character/],
    ['a name past 255 bytes', `${'n'.repeat(300)}.lance`, /longer than 255 bytes/],
    ['an unpaired surrogate', `bad\ud800.lance`, /not valid Unicode \(an unpaired UTF-16 surrogate\)/],
  ])('a dataset path with %s is refused as input, naming it', async (_label, name, message) => {
    const target = { uri: join(dir, name), storageOptions: {} };
    for (const call of [
      () => service.handlers.describeDataset({ target, withVersions: false }),
      () => service.handlers.previewRows({ target, offset: 0, limit: 5 }),
      () => service.handlers.runQuery({ target, filter: 'id < 3', limit: 5 }),
    ]) {
      const f = await failureOf(call());
      expect(f.kind).toBe('input');
      expect(f.message).toMatch(message);
    }
  });

  it('a query filter with an unpaired surrogate is refused as input, naming the field', async () => {
    const f = await failureOf(service.handlers.runQuery({ target: { uri: dataset, storageOptions: {} }, filter: "review = 'a\ud800'", limit: 5 }));
    expect(f.kind).toBe('input');
    expect(f.message).toMatch(/The request's input\.filter holds text that is not valid Unicode/);
  });
});

describe('a Ray token that could not be an HTTP header', () => {
  it.each([
    ['a newline', 'abc\ndef', '\\n'],
    ['a NUL', 'abc\u0000', '\\u0000'],
    ['a non-Latin-1 letter', 'tökén✓', 'ö'],
  ])('with %s: refused as input on the token field, naming the character', async (_label, token, shown) => {
    const f = await failureOf(service.handlers.clusterStatus({ address: 'http://127.0.0.1:1', token }));
    expect(f.kind).toBe('input');
    expect(f.message).toContain(`can't have ('${shown}')`);
  });
});

describe('a build on a path that holds no dataset', () => {
  it('asks for 256 workers but starts no more engines than the machine has CPUs', async () => {
    const before = launches;
    const done = new Promise<BuildEvent>((resolve) => {
      const off = service.on((event, payload) => {
        const e = payload as BuildEvent;
        if (event === 'buildEvent' && e.type === 'result') {
          off();
          resolve(e);
        }
      });
    });
    await service.handlers.startBuild({ target: { uri: join(dir, 'missing.lance'), storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 256 });
    const result = await done;
    expect(result.type === 'result' && result.result.error?.kind).toBe('input');
    expect(launches - before).toBeLessThanOrEqual(availableParallelism());
  });
});
