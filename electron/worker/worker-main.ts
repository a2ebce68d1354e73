/**
 * A worker slot's process when the app runs inside Electron (forked with utilityProcess) or when
 * the relay launcher is used under Node (child_process.fork). It starts the Python engine and
 * relays messages both ways; when its parent goes away it takes Python down with it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { engineArgs, engineEnv, pythonExecutable } from '../engine/python-env.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const toParent = (m: unknown) => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

const python = spawn(pythonExecutable(), engineArgs(), { env: engineEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
python.stdin.on('error', () => undefined);
createInterface({ input: python.stdout }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    toParent(JSON.parse(line));
  } catch {
    process.stderr.write(`(non-protocol output) ${line}\n`);
  }
});
python.on('exit', (code, signal) => {
  process.stderr.write(`engine exited (code ${code}, signal ${signal})\n`);
  process.exit(code === 0 ? 0 : 1);
});
python.on('error', (err) => {
  process.stderr.write(`could not start the Python engine: ${err.message}\n`);
  process.exit(1);
});

const fromParent = (m: unknown) => python.stdin.write(JSON.stringify(m) + '\n');
if (parentPort) parentPort.on('message', (e) => fromParent(e.data));
else process.on('message', fromParent);

// Parent gone (disconnect) or asked to stop: close Python's input; it exits at once.
process.on('disconnect', () => python.stdin.end());
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    python.kill('SIGKILL');
    process.exit(1);
  });
}
