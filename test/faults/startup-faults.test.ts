/**
 * A worker that dies while starting, or while it describes the dataset during validation, is
 * replaced like one that dies mid-batch, and the build goes on. The faults are real: the first
 * engine process is SIGKILLed, through the launcher seam, at its ready message or when the
 * describe request reaches it.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LocalEngine } from '@engine/local-engine.js';
import { PythonLauncher, type EngineChannel, type ProcessLauncher } from '@engine/local/process-launcher.js';
import { build, copyDataset, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(40_000, 6, 'reviews.lance');

/** Real engine processes; the first one launched is SIGKILLed at the moment `when` picks. */
class KillFirstLauncher implements ProcessLauncher {
  readonly kind = 'child_process (first one killed)';
  private readonly inner = new PythonLauncher();
  launched = 0;
  killedPid: number | undefined;

  constructor(private readonly when: 'at-ready' | 'at-describe') {}

  launch(): EngineChannel {
    const channel = this.inner.launch();
    if (this.launched++ > 0) return channel;
    const kill = () => {
      this.killedPid = channel.pid;
      channel.kill('SIGKILL');
    };
    if (this.when === 'at-describe') {
      const send = channel.send.bind(channel);
      channel.send = (m: object) => {
        send(m);
        if ((m as { method?: string }).method === 'describe') kill();
      };
      return channel;
    }
    const onMessage = channel.onMessage.bind(channel);
    channel.onMessage = (listener) =>
      onMessage((m) => {
        if (m.ready === true && this.killedPid === undefined)
          kill(); // dies instead of being ready
        else listener(m);
      });
    return channel;
  }
}

describe('a worker that dies before any batch', () => {
  it.each(['at-ready', 'at-describe'] as const)('killed %s: started again, and the build commits', async (when) => {
    const launcher = new KillFirstLauncher(when);
    const engine = new LocalEngine(launcher);
    try {
      const uri = copyDataset(sample.uri(), join(sample.dir(), when, 'reviews.lance'));
      const { result } = await build(engine, { target: { uri, storageOptions: {} }, column: 'id', indexType: 'BTREE', workers: 2 });
      expect(launcher.killedPid).toBeGreaterThan(0);
      expect(launcher.launched).toBeGreaterThan(2); // the killed one, then its replacement and the batches'
      expect(result.ok).toBe(true);
      expect(result.verification?.ok).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('a start that fails the same way twice is the answer: reported at once, not retried for ever', async () => {
    let launches = 0;
    const missing = new PythonLauncher(join(sample.dir(), 'no-such-python'));
    const engine = new LocalEngine({ kind: missing.kind, launch: () => (launches++, missing.launch()) });
    try {
      await expect(engine.info()).rejects.toThrow(/could not start: .*no-such-python was not found .*run `lance-index engine setup`/s);
      expect(launches).toBe(2);
    } finally {
      await engine.close();
    }
  });
});
