// Bundles the Node-side entry points (CLI, relay worker, browser-mode host) with esbuild:
// one file each, so `lance-index` starts without tsx or resolving its dependencies' files.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { rmSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  absWorkingDir: root,
  outdir: 'out/node',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Dependencies are bundled too: resolving and compiling ~200 small module files cost a cold
  // CLI ~80 ms of CPU (measured), a tenth of a small build. Left out: the native binding (and the
  // Arrow it loads, only when the lancedb check runs) and ws's optional native add-ons.
  external: ['@lancedb/lancedb', 'apache-arrow', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS (commander, ws) calls require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  alias: {
    '@shared': resolve(root, 'shared'),
    '@core': resolve(root, 'electron/core'),
    '@engine': resolve(root, 'electron/engine'),
  },
  logLevel: 'warning',
};
// The CLI is split: its entry (electron/cli/launch.ts) is small and starts the Python engines
// before it imports the rest, which is a chunk of its own in out/node/cli-chunks; what only some
// commands need (the window's host, Ray's log socket) is loaded by them, in chunks of its own.
// The chunks' names change with their content: the last build's are removed, not left to pile up.
rmSync(resolve(root, 'out/node/cli-chunks'), { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'electron/cli/launch.ts' }, splitting: true, chunkNames: 'cli-chunks/[name]-[hash]' });
// The relay worker stays one file: the packaged app ships it alone (electron-builder.yml).
await build({ ...common, entryPoints: { worker: 'electron/worker/worker-main.ts' } });
