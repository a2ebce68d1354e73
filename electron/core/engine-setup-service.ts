/**
 * The window's engine set-up: one set-up at a time per app, its whole state published on every
 * change (throttled), so a window that opens late asks for the state, then follows the events.
 * When it succeeds, or an existing Python is chosen, the engine's workers are restarted on it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as z from 'zod';
import { EngineSetupApi, initialSetupState, type EngineSetupState, type PythonCheck } from '@shared/contract/engine-setup.js';
import { CHOSEN_PYTHON_FILE, engineVenvDir } from '@engine/engine-location.js';
import { checkPython } from '@engine/setup/check-python.js';
import { setUpEngine, type SetupProgress } from '@engine/setup/engine-setup.js';
import { StudioError, errorMessage } from '@engine/engine-errors.js';

/** "~/venvs/lance/bin/python" as people type it: no shell expands it here. */
const expandHome = (p: string): string => (p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p);

type Handlers = {
  [M in keyof typeof EngineSetupApi]: (input: z.output<(typeof EngineSetupApi)[M]['input']>) => Promise<z.output<(typeof EngineSetupApi)[M]['output']>>;
};

export interface EngineSetupHost {
  dataDir: string;
  publish(state: EngineSetupState): void;
  /** Why the engine can't be switched now (a build is running), or undefined. */
  busy(): string | undefined;
  /** Restart the engine's workers on the Python found now. */
  restartEngine(): Promise<void>;
}

const LOG_LINES = 300;
/** At most this often a state with a new byte count or log line; status changes go out at once. */
const PUBLISH_EVERY_MS = 200;

export class EngineSetupService {
  private state: EngineSetupState = initialSetupState();
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly handlers: Handlers;

  constructor(private readonly host: EngineSetupHost) {
    this.handlers = {
      engineSetupState: async () => this.state,
      startEngineSetup: async (i) => this.start(i.python && expandHome(i.python)),
      cancelEngineSetup: async () => ({ cancelled: this.cancel() }),
      checkPython: (i) => checkPython(expandHome(i.python)),
      useExistingPython: (i) => this.useExisting(expandHome(i.python)),
    };
  }

  private set(patch: Partial<EngineSetupState>, now = false): void {
    this.state = { ...this.state, ...patch };
    if (now) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.host.publish(this.state);
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.host.publish(this.state);
      }, PUBLISH_EVERY_MS);
    }
  }

  private log(line: string): void {
    this.set({ log: [...this.state.log.slice(-(LOG_LINES - 1)), line] });
  }

  private start(python: string | undefined): EngineSetupState {
    if (this.state.status === 'running') return this.state;
    const busy = this.host.busy();
    if (busy) throw new StudioError(busy, 'input');
    this.abort = new AbortController();
    this.set(
      {
        ...initialSetupState(),
        status: 'running',
        step: 'find-python',
        detail: 'Starting',
        target: engineVenvDir(this.host.dataDir),
        basePython: python ?? null,
      },
      true,
    );
    this.running = this.run(python, this.abort.signal);
    return this.state;
  }

  private async run(python: string | undefined, signal: AbortSignal): Promise<void> {
    let lastStep = this.state.step;
    try {
      const r = await setUpEngine({
        dataDir: this.host.dataDir,
        python,
        signal,
        onLog: (l) => this.log(l),
        onProgress: (p: SetupProgress) => {
          // The bar never goes back: a late line from a step already passed can't pull it down.
          this.set({ ...p, fraction: Math.max(this.state.fraction, p.fraction) }, p.step !== lastStep);
          lastStep = p.step;
        },
      });
      await this.host.restartEngine();
      this.set(
        { status: 'done', fraction: 1, package: null, bytes: null, basePython: r.basePython, detail: `Engine ready: pylance ${r.pylance} in ${r.venv}` },
        true,
      );
    } catch (err) {
      const cancelled = signal.aborted;
      this.set(
        {
          status: cancelled ? 'cancelled' : 'failed',
          package: null,
          bytes: null,
          detail: cancelled ? 'Cancelled; nothing was installed.' : 'The set-up failed; nothing was installed.',
          error: cancelled ? null : errorMessage(err),
        },
        true,
      );
    } finally {
      this.abort = undefined;
    }
  }

  /** The app is closing: a running set-up is cancelled (its partial venv removed) before the workers stop. */
  async close(): Promise<void> {
    const running = this.running;
    this.cancel();
    await running;
  }

  private cancel(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  private async useExisting(python: string): Promise<PythonCheck> {
    const busy = this.host.busy();
    if (busy) throw new StudioError(busy, 'input');
    if (this.state.status === 'running') throw new StudioError('An engine set-up is running; cancel it first.', 'input');
    const check = await checkPython(python);
    if (!check.usable) return check;
    await mkdir(this.host.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(join(this.host.dataDir, CHOSEN_PYTHON_FILE), JSON.stringify({ python }, null, 2) + '\n', { mode: 0o600 });
    await this.host.restartEngine();
    return check;
  }
}
