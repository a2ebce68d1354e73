/** The CLI's engine shape, read from raw arguments before commander loads (pure logic). */
import { describe, expect, it } from 'vitest';
import { cliEngineShape } from '../../electron/cli/cli-engine-shape.js';

const shape = (line: string, cpus = 2) => cliEngineShape(line.split(' ').filter(Boolean), cpus);

describe('cliEngineShape', () => {
  it('gives one engine process a lane per CPU, started early for a local build', () => {
    expect(shape('build --uri d.lance --column c --type BTREE --workers 2')).toEqual({ lanes: 2, startEarly: 1 });
    expect(shape('build --uri d.lance --column c --type BTREE', 8)).toEqual({ lanes: 8, startEarly: 1 });
    expect(shape('build --uri d.lance --column c --type BTREE --workers=16', 8)).toEqual({ lanes: 8, startEarly: 1 });
  });

  it('starts a process per worker, as many as the build would, when batches can time out', () => {
    expect(shape('build --uri d.lance --column c --type FTS --workers 2 --batch-timeout 30')).toEqual({ lanes: 1, startEarly: 2 });
    expect(shape('build --uri d.lance --column c --type FTS --workers 64 --batch-timeout 30', 4)).toEqual({ lanes: 1, startEarly: 4 });
    // An automatic count starts one; a count that isn't one is left to the build to refuse.
    expect(shape('build --uri d.lance --column c --type FTS --batch-timeout 30')).toEqual({ lanes: 1, startEarly: 1 });
    expect(shape('build --uri d.lance --column c --type FTS --workers x --batch-timeout 30')).toEqual({ lanes: 1, startEarly: 1 });
  });

  it('starts nothing early for help, a Ray engine, or a command without an engine', () => {
    expect(shape('build --help').startEarly).toBe(0);
    expect(shape('build --uri d.lance --engine ray --ray-address http://127.0.0.1:8265').startEarly).toBe(0);
    expect(shape('build --uri d.lance --engine=ray').startEarly).toBe(0);
    expect(shape('cluster --ray-address http://127.0.0.1:8265').startEarly).toBe(0);
    expect(shape('sample --out x.lance').startEarly).toBe(0);
    expect(shape('').startEarly).toBe(0);
  });

  it('starts one for describe and plan', () => {
    expect(shape('describe --uri d.lance').startEarly).toBe(1);
    expect(shape('plan --uri d.lance --column c --type BTREE --workers 4').startEarly).toBe(1);
  });

  it('never gives fewer than one lane', () => {
    expect(shape('build --uri d.lance', 1)).toEqual({ lanes: 1, startEarly: 1 });
  });
});
