/** Where the things the integration tests run live. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'bin', 'lance-index.js');
export const PYTHON = join(REPO, '.venv', 'bin', 'python');
/** moto lives in its own venv: it pins python-dateutil<3, which lance-namespace can't use. */
export const MOTO_SERVER = join(REPO, '.venv-test', 'bin', 'moto_server');
export const FIXTURES = join(REPO, 'test', 'fixtures');
