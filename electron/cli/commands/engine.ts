/**
 * `lance-index engine setup|check`: the engine's Python, as the window's Engine screen does it.
 * setup makes a venv with the exact pins in the per-user data folder; check says whether a
 * Python (the one the engine would use, or --python) can run the engine. start|stop|status: the
 * warm engine (./warm-engine.ts).
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir, locateEngine } from '@engine/engine-location.js';
import { checkPython } from '@engine/setup/check-python.js';
import { PythonNotFoundError } from '@engine/setup/find-python.js';
import { CancelledError, setUpEngine, type SetupProgress } from '@engine/setup/engine-setup.js';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError } from '../exit-codes.js';
import { exitWhenWritten, reportError } from '../run-command.js';
import { SetupProgressView } from '../setup-progress-view.js';
import { registerWarmEngine } from './warm-engine.js';

const SOURCE_WORDS = {
  env: 'LANCE_INDEX_PYTHON',
  checkout: "the checkout's .venv",
  chosen: 'the Python chosen in the window',
  'data-dir': 'the per-user engine',
  path: 'python3 on PATH',
  none: 'nowhere',
} as const;

const PYTHON_ACCEPTED = 'the path (or command name) of a Python >= 3.10 executable, e.g. /usr/bin/python3';

function dataDirFlag(dir: string | undefined): string {
  const d = resolve(dir ?? defaultDataDir());
  const info = statSync(d, { throwIfNoEntry: false });
  if (info && !info.isDirectory()) throw new UsageError(`--dir '${dir}' is a file; give a folder (it is created when missing), default ${defaultDataDir()}.`);
  return d;
}

export function registerEngine(program: Command): void {
  const engine = program
    .command('engine')
    .description("the engine's Python: set it up (a venv with the exact pins) or check one; start, stop or ask about the warm engine");
  registerWarmEngine(engine);

  engine
    .command('setup')
    .description(
      "make a venv with the engine's exact pins (engine/python/requirements.txt) in the per-user data folder; nothing half-installed is left if it fails or is cancelled",
    )
    .option('--python <path>', 'the Python >= 3.10 to make the venv from (default: the newest found on PATH)')
    .option('--dir <dir>', `the per-user data folder; the venv goes in its engine-venv/ (default ${defaultDataDir()}, or LANCE_INDEX_STATE_DIR)`)
    .option('--json', 'one JSON object per progress line, then {"result": …}', false)
    .action(async (o: { python?: string; dir?: string; json: boolean }) => {
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.on('SIGINT', onSigint);
      const view = new SetupProgressView(o.json);
      let code: number = EXIT_OK;
      try {
        const dataDir = dataDirFlag(o.dir);
        const r = await setUpEngine({
          dataDir,
          python: o.python,
          signal: abort.signal,
          onProgress: (p: SetupProgress) => view.progress(p),
          onLog: (l) => view.log(l),
        });
        view.done(r);
      } catch (err) {
        view.stop();
        if (err instanceof CancelledError) {
          process.stderr.write('Cancelled; nothing was installed.\n');
          code = 130;
        } else if (err instanceof PythonNotFoundError && o.python) {
          process.stderr.write(`error: --python '${o.python}': ${err.message} Give ${PYTHON_ACCEPTED}.\n`);
          code = EXIT_BAD_INPUT;
        } else {
          code = reportError(err);
        }
      } finally {
        process.off('SIGINT', onSigint);
      }
      await exitWhenWritten(code);
    });

  engine
    .command('check')
    .description(
      'check a Python for the engine: its version, its pylance against the pin, and that `import lance` works (default: the Python the engine would use)',
    )
    .option('--python <path>', "the Python to check (default: LANCE_INDEX_PYTHON, the checkout's .venv, the per-user engine, python3)")
    .option('--dir <dir>', `the per-user data folder to look in (default ${defaultDataDir()})`)
    .option('--json', 'print the verdict as JSON', false)
    .action(async (o: { python?: string; dir?: string; json: boolean }) => {
      let code: number;
      try {
        const at = o.python ? undefined : locateEngine({ dataDir: dataDirFlag(o.dir) });
        const python = o.python ?? at!.python;
        const check = await checkPython(python);
        if (o.python && check.verdict === 'not-python')
          throw new UsageError(`--python '${o.python}': ${check.message.replace(/ Give the path.*$/, '')} Give ${PYTHON_ACCEPTED}.`);
        const needsSetupAgain = at?.pinsChanged
          ? `The per-user engine was set up for ${at.pinsChanged.setUpFor}; this version needs other pins: run \`lance-index engine setup\`.`
          : undefined;
        const usable = check.usable && !needsSetupAgain;
        if (o.json) {
          process.stdout.write(JSON.stringify({ ...check, usable, source: at?.source ?? 'given', needsSetupAgain: needsSetupAgain ?? null }) + '\n');
        } else {
          if (at) process.stdout.write(`The engine's Python: ${python} (from ${SOURCE_WORDS[at.source]}).\n`);
          process.stdout.write(`${usable ? 'OK' : 'NOT USABLE'}: ${check.message}\n`);
          if (needsSetupAgain) process.stdout.write(`${needsSetupAgain}\n`);
        }
        code = usable ? EXIT_OK : EXIT_FAILED;
      } catch (err) {
        code = reportError(err);
      }
      await exitWhenWritten(code);
    });
}
