/**
 * The recent-datasets list, in <stateDir>/recent-datasets.json: newest first, one entry per
 * dataset. Nothing secret is written (shared/remembered-target.ts), and the file is readable by
 * its owner only (folder 0700, file 0600). A file written by an older version, secrets and all,
 * is rewritten the first time it is read.
 */
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentDataset } from '@shared/contract/api.js';
import { RecentDatasetSchema } from '@shared/contract/api.js';
import type { DatasetTarget } from '@shared/contract/dataset.js';
import { rememberedTarget } from '@shared/remembered-target.js';

const RECENT_FILE = 'recent-datasets.json';
const RECENT_MAX = 12;
const STICKY = 0o1000;

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
      await this.privateFolder();
      // Write then rename, so a crash mid-write never leaves a half file.
      const file = join(this.stateDir, RECENT_FILE);
      await writeFile(`${file}.tmp`, JSON.stringify(this.entries, null, 2), { mode: 0o600 });
      await chmod(`${file}.tmp`, 0o600); // a .tmp left by a crash keeps its old mode otherwise
      await rename(`${file}.tmp`, file);
    } catch {
      // Not remembering a dataset is no reason to fail opening it.
    }
  }

  /** 0700, also when made by an older version; but never a shared folder like /tmp (sticky). */
  private async privateFolder(): Promise<void> {
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    const s = await stat(this.stateDir);
    const mine = typeof process.getuid !== 'function' || s.uid === process.getuid();
    if (mine && !(s.mode & STICKY) && (s.mode & 0o077) !== 0) await chmod(this.stateDir, 0o700);
  }
}
