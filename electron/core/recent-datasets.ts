/**
 * The recent-datasets list, in <stateDir>/recent-datasets.json: newest first, one entry per
 * dataset. Nothing secret is written (shared/remembered-target.ts), and the file is readable by
 * its owner only (folder 0700, file 0600). A file written by an older version, secrets and all,
 * is rewritten the first time it is read.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentDataset } from '@shared/contract/api.js';
import { RecentDatasetSchema } from '@shared/contract/api.js';
import type { DatasetTarget } from '@shared/contract/dataset.js';
import { rememberedTarget } from '@shared/remembered-target.js';
import { writePrivateJson } from './private-file.js';

const RECENT_FILE = 'recent-datasets.json';
const RECENT_MAX = 12;

function labelOf(target: DatasetTarget): string {
  if ('uri' in target) return basename(target.uri.replace(/\/+$/, '')) || target.uri;
  return target.tableId.join('.');
}

/** JSON with every object's keys sorted: one key per dataset, whatever order its options were typed in. */
function keyOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export class RecentDatasets {
  private entries: RecentDataset[] | undefined;

  constructor(private readonly stateDir: string) {}

  async list(): Promise<RecentDataset[]> {
    if (this.entries) return this.entries;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(this.stateDir, RECENT_FILE), 'utf8'));
    } catch {
      return (this.entries = []);
    }
    // A hand-edited or older file: keep the entries that still parse, drop the rest.
    const parsed = (Array.isArray(raw) ? raw : []).flatMap((r) => {
      const p = RecentDatasetSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
    this.entries = parsed.map((r) => ({ ...r, target: rememberedTarget(r.target) }));
    if (keyOf(this.entries) !== keyOf(parsed)) await this.save();
    return this.entries;
  }

  async remember(target: DatasetTarget): Promise<void> {
    const kept = rememberedTarget(target);
    const key = keyOf(kept);
    const others = (await this.list()).filter((r) => keyOf(r.target) !== key);
    this.entries = [{ target: kept, label: labelOf(kept), openedAt: new Date().toISOString() }, ...others].slice(0, RECENT_MAX);
    await this.save();
  }

  private async save(): Promise<void> {
    try {
      await writePrivateJson(this.stateDir, RECENT_FILE, this.entries);
    } catch {
      // Not remembering a dataset is no reason to fail opening it.
    }
  }
}
