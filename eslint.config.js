// Lint for the TypeScript (typescript-eslint's recommended rules) and the layers as rules: each
// layer imports only the ones below it. Formatting is Prettier's (eslint-config-prettier turns
// off the rules that would fight it). Run by `npm run lint`, which `bash run.sh test` runs.
//
//   renderer ─┐
//             ├─> shared            (shared: no Node, no Electron: the renderer runs it too)
//   main, preload, host, cli ─> core ─> engine ─> shared
//
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** `no-restricted-imports` patterns that keep a layer from reaching the given ones. */
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});
const ELECTRON = [
  ['electron', 'electron/*'],
  'Only electron/main and electron/preload may use Electron: the core, the engine, the CLI and the host run under plain Node.',
];
const CORE = [['@core/*', '**/electron/core/*'], 'The engine is below the core: it must not import it (pass what it needs in).'];
const UPPER = [
  ['@host/*', '**/electron/host/*', '**/electron/cli/*', '**/electron/main/*', '**/electron/preload/*'],
  'Nothing imports the entry points above it.',
];
const NODE_OR_APP = [
  ['node:*', '@core/*', '@engine/*', '**/electron/**'],
  'The renderer and shared code run in the browser: only @shared and browser packages.',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.venv*/**', 'bench/.venv-ray/**', 'demo-data/**', 'engine/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['renderer/src/**', 'shared/**'], rules: forbid(NODE_OR_APP, ELECTRON) },
  { files: ['electron/engine/**'], rules: forbid(CORE, UPPER, ELECTRON) },
  { files: ['electron/core/**'], rules: forbid(UPPER, ELECTRON) },
  { files: ['electron/cli/**', 'electron/host/**', 'electron/worker/**'], rules: forbid(ELECTRON) },
  { files: ['scripts/**/*.{js,mjs}', 'bin/**/*.js', '*.config.{js,ts}', 'bench/**/*.mjs'], languageOptions: { globals: globals.node } },
  // Runs in the page before the app (the theme before the first paint).
  { files: ['renderer/public/**/*.js'], languageOptions: { globals: globals.browser } },
);
