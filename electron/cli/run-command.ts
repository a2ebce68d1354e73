/** Wraps a command: one engine for its whole run, errors printed as messages with the right exit code. */
import { availableParallelism } from 'node:os';
import { LocalEngine } from '@engine/local-engine.js';
import { LaneLauncher } from '@engine/local/lane-launcher.js';
import { PythonLauncher } from '@engine/local/process-launcher.js';
import { WarmLauncher } from '@engine/local/warm-channel.js';
import { matchingWarmEngine } from '@engine/local/warm-engine.js';
import { pythonExecutable } from '@engine/python-env.js';
import { cliEngineShape } from './cli-engine-shape.js';
import { StudioError } from '@engine/engine-errors.js';
import { EXIT_BAD_INPUT, EXIT_FAILED, UsageError, exitCodeFor } from './exit-codes.js';

export async function withEngine(work: (engine: LocalEngine) => Promise<number>): Promise<never> {
  // The same shape the entry started its early engine for, so the engine it started is taken.
  const { lanes } = cliEngineShape(process.argv.slice(2), availableParallelism());
  const engine = new LocalEngine(cliLauncher(lanes));
  let code: number;
  try {
    code = await work(engine);
  } catch (err) {
    code = reportError(err);
  } finally {
    await engine.close();
  }
  return exitWhenWritten(code);
}

/** Exit once what was printed has been written: writes to a pipe are asynchronous, and exiting at once would cut a large --json output short. */
export async function exitWhenWritten(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

/** Engines forked from a warm engine of this set-up when one runs (`engine start`), else started here. */
function cliLauncher(lanes: number) {
  const python = pythonExecutable();
  const warm = matchingWarmEngine(python);
  const base = warm ? new WarmLauncher(warm.socket, python, lanes) : new PythonLauncher(python, lanes);
  return lanes > 1 ? new LaneLauncher(lanes, base) : base;
}

export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof StudioError) {
    process.stderr.write(`error: ${err.message}\n`);
    return exitCodeFor(err.kind);
  }
  const e = err as Error;
  process.stderr.write(`error: ${e?.message ?? String(err)}\n`);
  if (process.env.LANCE_INDEX_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
  return EXIT_FAILED;
}
