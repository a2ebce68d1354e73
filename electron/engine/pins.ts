/** The engine's exact pins, read from its requirements.txt: the file the Ray job checks itself against. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from './engine-errors.js';
import { APP_LAYOUT } from './app-layout.js';

const ENGINE_DIR = APP_LAYOUT.engineDir;

/** `name==version` lines of the engine's requirements.txt, for a runtime_env pip install. */
export function pinnedPackages(engineDir: string = ENGINE_DIR): string[] {
  return readFileSync(join(engineDir, 'requirements.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => /^[A-Za-z0-9_.-]+\s*==/.test(l));
}

/** The exact pylance this engine is built for (the same requirements.txt the job checks against). */
export function pinnedPylance(engineDir: string = ENGINE_DIR): string {
  const line = pinnedPackages(engineDir).find((l) => /^pylance\s*==/i.test(l));
  if (!line) throw new StudioError(`No pylance pin in ${join(engineDir, 'requirements.txt')}.`, 'internal');
  return line.split('==')[1].trim();
}

/** One digest of every pin: a per-user engine set up for another digest must be set up again. */
export function pinsDigest(engineDir: string = ENGINE_DIR): string {
  return createHash('sha256').update(pinnedPackages(engineDir).join('\n')).digest('hex');
}

export const requirementsFile = (engineDir: string = ENGINE_DIR): string => join(engineDir, 'requirements.txt');
