/**
 * `lance-index ui`: the window in a browser (browser mode). `lance-index start`: the Electron
 * window when it can start here, else browser mode with the URL printed.
 */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { StudioService } from '@core/studio-service.js';
import { PROJECT_ROOT } from '@engine/python-env.js';
import { defaultDataDir } from '@engine/engine-location.js';
import { openBrowser } from '../../host/open-browser.js';
import { findElectron, launchElectron } from '../../host/electron-launch.js';
import { EXIT_BAD_INPUT } from '../exit-codes.js';

interface UiFlags {
  dataset?: string;
  port: string;
  open: boolean;
  stateDir?: string;
}

const rendererDir = () => process.env.LANCE_INDEX_RENDERER_DIR ?? join(PROJECT_ROOT, 'out', 'renderer');

function withUiOptions(cmd: Command): Command {
  return cmd
    .option('--dataset <uri>', 'open this dataset (folder or object-store uri) when the window starts')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--no-open', 'print the URL only; do not open a browser')
    .option(
      '--state-dir <dir>',
      'the per-user data folder: recent datasets and the engine set up from the window (default ~/.lance-index-studio, or LANCE_INDEX_STATE_DIR)',
    );
}

export function registerUi(program: Command): void {
  withUiOptions(program.command('ui').description('serve the window to a browser on 127.0.0.1 (browser mode), with a per-launch token')).action((o: UiFlags) =>
    runBrowserMode(o),
  );
  withUiOptions(program.command('start').description('open the window: Electron when it can start here, else browser mode')).action(async (o: UiFlags) => {
    const found = findElectron(PROJECT_ROOT);
    if (found.ok) {
      const r = await launchElectron(found.binary, PROJECT_ROOT);
      if (r.started) process.exit(await r.exited);
      console.log(`Electron could not start: ${r.reason}`);
    } else {
      console.log(`No Electron window here: ${found.reason}.`);
    }
    console.log('Falling back to browser mode.');
    await runBrowserMode(o);
  });
}

async function runBrowserMode(o: UiFlags): Promise<void> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`error: --port must be a whole number from 0 to 65535; got '${o.port}'.\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  const service = new StudioService({ stateDir: resolve(o.stateDir ?? defaultDataDir()) });
  let host;
  try {
    // Loaded here, not with the CLI: the host and its WebSocket server cost every other command's start.
    const { startHost } = await import('../../host/host-server.js');
    host = await startHost({ handlers: service.handlers, subscribe: (l) => service.on(l), rendererDir: rendererDir(), port });
  } catch (err) {
    process.stderr.write(`error: could not listen on 127.0.0.1:${port}: ${(err as Error).message}\n`);
    await service.close();
    process.exit(1);
  }
  // The page reads `dataset` from its own URL and opens it first thing.
  const url = o.dataset ? `${host.url}&dataset=${encodeURIComponent(o.dataset)}` : host.url;
  console.log(`lance-index studio (browser mode) is at:\n\n  ${url}\n\nOnly this URL works (it carries this launch's token). Ctrl-C stops it.`);
  if (o.open) openBrowser(url);
  // Start the first worker now, so opening a dataset doesn't wait for Python to import pylance.
  void service.handlers.engineStatus({});

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130); // second Ctrl-C: don't wait
    stopping = true;
    await host.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
