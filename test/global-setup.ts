/** Builds the CLI bundle (out/node) once, so every integration test runs the current sources. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, PYTHON } from './helpers/paths.js';

export default function setup(): void {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build-node.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (!existsSync(PYTHON)) {
    throw new Error(`The integration tests need the project venv at ${PYTHON}: run \`bash scripts/setup.sh\`.`);
  }
}
