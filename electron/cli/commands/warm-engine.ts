/**
 * `lance-index engine start|stop|status`: the warm engine (electron/engine/local/warm-engine.ts).
 * While one runs, every CLI command on this machine forks its engine from it: a small build
 * saves Python's start and pylance's import (~0.3-0.5 s of ~1 s).
 */
import type { Command } from 'commander';
import { pythonExecutable } from '@engine/python-env.js';
import { answeringWarmEngine, askWarmEngine, engineFingerprint, logPathIn, warmFolder, WARM_DIR_ENV } from '@engine/local/warm-engine.js';
import { startWarmEngine } from '@engine/local/warm-engine-start.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { exitWhenWritten, reportError } from '../run-command.js';
import { positiveInt } from '../parse-number.js';

const DEFAULT_IDLE_MINUTES = 30;

async function run(work: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await work();
  } catch (err) {
    code = reportError(err);
  }
  return exitWhenWritten(code);
}

const print = (json: boolean, value: object, text: string) => process.stdout.write(json ? JSON.stringify(value) + '\n' : text + '\n');

export function registerWarmEngine(engine: Command): void {
  engine
    .command('start')
    .description(
      'start the warm engine: pylance imported once, in the background; until it stops, CLI commands on this machine fork their engine from it instead of starting Python (it stops after --idle-timeout minutes without work, or with `engine stop`)',
    )
    .option('--idle-timeout <minutes>', `stop after this many minutes with nothing to do (default ${DEFAULT_IDLE_MINUTES})`, String(DEFAULT_IDLE_MINUTES))
    .option('--json', 'print the outcome as JSON', false)
    .action((o: { idleTimeout: string; json: boolean }) =>
      run(async () => {
        const idleMinutes = positiveInt(o.idleTimeout, '--idle-timeout');
        const folder = warmFolder();
        const r = await startWarmEngine({ python: pythonExecutable(), idleTimeoutS: idleMinutes * 60, folder });
        const what = r.already
          ? `A warm engine with this set-up is already running (pid ${r.info.pid}, pylance ${r.info.pylance}).`
          : `Warm engine started (pid ${r.info.pid}, pylance ${r.info.pylance}, ready in ${r.startupS!.toFixed(2)} s)` +
            (r.replaced ? `; the one from another set-up (pid ${r.replaced}) was asked to stop.` : '.');
        print(
          o.json,
          { ...r.info, already: r.already, replaced: r.replaced ?? null, folder },
          `${what}\nCLI commands on this machine now fork their engine from it. It stops after ${r.info.idleTimeoutS / 60} min without work, or with \`lance-index engine stop\`. Its folder: ${folder} (log: ${logPathIn(folder)}).`,
        );
        return EXIT_OK;
      }),
    );

  engine
    .command('stop')
    .description('stop the warm engine: it takes no new callers; builds already running on it finish')
    .option('--json', 'print the outcome as JSON', false)
    .action((o: { json: boolean }) =>
      run(async () => {
        const info = (await answeringWarmEngine())?.info;
        if (!info) {
          print(o.json, { stopped: false, running: false }, 'No warm engine is running.');
          return EXIT_OK;
        }
        const r = await askWarmEngine(info.socket, { stop: true });
        const busy = Number(r.children ?? 0);
        print(
          o.json,
          { stopped: true, pid: info.pid, running_builds: busy },
          `Warm engine (pid ${info.pid}) stopped taking callers` + (busy ? `; it exits once its ${busy} running engine(s) finish.` : '.'),
        );
        return EXIT_OK;
      }),
    );

  engine
    .command('status')
    .description('whether a warm engine is running, whether CLI commands use it, and what it is doing; exit 0 running, 1 not')
    .option('--json', 'print the status as JSON', false)
    .action((o: { json: boolean }) =>
      run(async () => {
        const folder = warmFolder();
        const found = await answeringWarmEngine(folder);
        if (!found) {
          print(o.json, { running: false, folder }, `No warm engine is running (folder ${folder}; ${WARM_DIR_ENV} sets another).`);
          return EXIT_FAILED;
        }
        const { info, status: s } = found;
        const used = info.fingerprint === engineFingerprint(pythonExecutable());
        const engines = Array.isArray(s.children) ? (s.children as number[]) : [];
        const idleS = Number(s.idle_s ?? 0);
        print(
          o.json,
          { running: true, used, pid: info.pid, pylance: info.pylance, engines, idle_s: idleS, idle_timeout_s: info.idleTimeoutS, folder },
          [
            `Warm engine running (pid ${info.pid}, pylance ${info.pylance}), folder ${folder}.`,
            used
              ? 'CLI commands use it.'
              : 'CLI commands do NOT use it: it runs another interpreter or other engine sources than they would; `lance-index engine start` replaces it.',
            engines.length
              ? `Engines forked from it now: ${engines.join(', ')}.`
              : `Idle for ${Math.round(idleS)} s; it stops after ${Math.round(info.idleTimeoutS / 60)} min idle.`,
          ].join('\n'),
        );
        return EXIT_OK;
      }),
    );
}
