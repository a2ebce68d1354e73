// Bundles the Node-side entry points (CLI, relay worker, browser-mode host) with esbuild:
// one file each, dependencies left external, so `lance-index` starts in ~100 ms without tsx.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'electron/cli/index.ts',
    worker: 'electron/worker/worker-main.ts',
  },
  outdir: 'out/node',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  alias: {
    '@shared': resolve(root, 'shared'),
    '@core': resolve(root, 'electron/core'),
    '@engine': resolve(root, 'electron/engine'),
  },
  logLevel: 'warning',
});
