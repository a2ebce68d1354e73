/**
 * Worker processes inside Electron: utilityProcess.fork of the relay worker (out/node/worker.js),
 * which starts Python and relays JSON messages both ways. Same channel shape as the Node
 * launchers in electron/engine/local/process-launcher.ts.
 */
import { utilityProcess } from 'electron';
import { StderrTail, relayEnv, type EngineChannel, type ExitInfo, type ProcessLauncher } from '@engine/local/process-launcher.js';

export class UtilityProcessLauncher implements ProcessLauncher {
  readonly kind = 'utilityProcess';
  /** `python` is asked at each start: an engine set up from the window is used by the next worker. */
  constructor(
    private readonly workerScript: string,
    private readonly python: () => string,
  ) {}

  launch(): EngineChannel {
    const child = utilityProcess.fork(this.workerScript, [], {
      env: relayEnv(this.python()),
      stdio: 'pipe',
      serviceName: 'lance-index worker',
    });
    const tail = new StderrTail();
    child.stderr?.on('data', (c: Buffer) => tail.push(c.toString()));
    child.stdout?.on('data', () => undefined); // drain; the relay speaks over parentPort only
    const messageListeners: Array<(m: Record<string, unknown>) => void> = [];
    const exitListeners: Array<(i: ExitInfo) => void> = [];
    let exited = false;
    child.on('message', (m: unknown) => {
      if (m && typeof m === 'object') for (const l of messageListeners) l(m as Record<string, unknown>);
    });
    child.on('exit', (code) => {
      exited = true;
      // Let stderr drain so the tail holds the reason, then report.
      setImmediate(() => exitListeners.forEach((l) => l({ code, signal: null, stderrTail: tail.toString() })));
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(l) {
        messageListeners.push(l);
      },
      onExit(l) {
        exitListeners.push(l);
      },
      // A utility process has no stdin to close; SIGTERM makes the relay stop Python and exit.
      close() {
        if (!exited) child.kill();
      },
      kill() {
        if (!exited) child.kill();
      },
    };
  }
}
