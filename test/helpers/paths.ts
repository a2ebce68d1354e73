/** Where the things the integration tests run live. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'bin', 'lance-index.js');
export const PYTHON = join(REPO, '.venv', 'bin', 'python');
/** moto lives in its own venv: it pins python-dateutil<3, which lance-namespace can't use. */
export const MOTO_SERVER = join(REPO, '.venv-test', 'bin', 'moto_server');
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** The test Ray cluster's Python: Ray 2.60 with the engine's exact pins (and lance-ray), in its own venv. */
export const RAY_PYTHON = join(REPO, '.venv-ray', 'bin', 'python');
export const RAY_BIN = join(REPO, '.venv-ray', 'bin', 'ray');
/** The previous pin, pylance 10 (its own venv): an engine older than data pylance 14 writes. */
export const PREV_PYTHON = join(REPO, '.venv-prev', 'bin', 'python');
