#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build:node`, part of scripts/setup.sh).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'node', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('lance-index is not built yet: run `bash scripts/setup.sh` (or `npm run build`).\n');
  process.exit(1);
}
await import(cli);
