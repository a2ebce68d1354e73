/** Where the benchmark's pieces live, from this file's place (not the current folder). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(BENCH, '..');
export const CLI = join(REPO, 'bin', 'lance-index.js');
export const PEERS = join(BENCH, 'peers');
export const RESULTS = join(BENCH, 'results');
/** What .venv-prev's pylance (10.0.0) is to the app, in the report's words: said once for its label and the machine line. */
export const PREV_PIN = 'the pin before pylance 14';
/** The pin before pylance 14, pylance 10.0.0 (scripts/setup.sh makes it with the test dependencies). */
export const PREV_PYTHON = join(REPO, '.venv-prev', 'bin', 'python');
