/**
 * One config for the three parts of the window. Aliases name the layer an import comes from,
 * so a renderer file reaching into @core stands out (and fails: the renderer has no Node).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
const alias = {
  '@shared': resolve(root, 'shared'),
  '@core': resolve(root, 'electron/core'),
  '@engine': resolve(root, 'electron/engine'),
  '@renderer': resolve(root, 'renderer/src'),
};

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can't load modules: zod and the contract are bundled in, as CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset paths: the same build loads from app:// (Electron) and http:// (browser mode).
    base: './',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
      chunkSizeWarningLimit: 1500,
    },
  },
});
