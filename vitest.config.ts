import { defineConfig } from 'vitest/config';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'shared'),
      '@core': resolve(import.meta.dirname, 'electron/core'),
      '@engine': resolve(import.meta.dirname, 'electron/engine'),
      '@renderer': resolve(import.meta.dirname, 'renderer/src'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Bundles the CLI once, so integration tests run the current sources as a real child process.
    globalSetup: ['test/global-setup.ts'],
    // Integration tests start real Python workers; 2 cores, so keep files from piling up.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    // A warm engine the developer started (`lance-index engine start`) must not serve the suite's
    // CLI runs: they look for one in a folder that never exists. test/integration/warm-engine
    // starts its own.
    env: { LANCE_INDEX_WARM_DIR: join(tmpdir(), 'lance-index-tests-no-warm-engine') },
  },
});
