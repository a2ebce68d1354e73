/**
 * Counts engine starts: interpreter wrappers that note each start (its arguments) in one log,
 * then become the real Python (same pid).
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON } from './paths.js';

export class EngineStarts {
  private readonly log: string;

  constructor(private readonly dir: string) {
    this.log = join(dir, 'starts.log');
  }

  /** A wrapper named `name` in the folder: give it as LANCE_INDEX_PYTHON. */
  wrapper(name = 'python'): string {
    const path = join(this.dir, name);
    writeFileSync(path, `#!/bin/sh\necho "$*" >> '${this.log}'\nexec '${PYTHON}' "$@"\n`);
    chmodSync(path, 0o755);
    return path;
  }

  /** The engine starts noted while `run` runs (each line: the interpreter's arguments). */
  async during(run: () => Promise<unknown>): Promise<string[]> {
    writeFileSync(this.log, '');
    await run();
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((l) => l.includes('run_engine.py'));
  }
}
