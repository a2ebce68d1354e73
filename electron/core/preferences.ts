/**
 * The window's preferences, in <stateDir>/preferences.json (0600). Kept by the core because
 * browser mode's page changes origin with its port on every launch, and the page's own storage
 * is per origin. A file that doesn't parse is read as the defaults (and replaced on the next set).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PreferencesSchema, type Preferences } from '@shared/contract/api.js';
import { writePrivateJson } from './private-file.js';

const FILE = 'preferences.json';
const DEFAULTS: Preferences = { theme: 'system' };

export class PreferencesFile {
  /** Changes one after the other: each reads what the one before it wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly stateDir: string) {}

  async get(): Promise<Preferences> {
    try {
      const parsed = PreferencesSchema.partial().safeParse(JSON.parse(await readFile(join(this.stateDir, FILE), 'utf8')));
      return { ...DEFAULTS, ...(parsed.success ? parsed.data : {}) };
    } catch {
      return DEFAULTS;
    }
  }

  set(change: Partial<Preferences>): Promise<Preferences> {
    const done = this.queue.then(async () => {
      const next = { ...(await this.get()), ...change };
      await writePrivateJson(this.stateDir, FILE, next);
      return next;
    });
    this.queue = done.catch(() => undefined);
    return done;
  }
}
