/**
 * What a build may have left on disk and not committed: the folders it (or pylance, for it) named,
 * and whether any folder it could not name may be left. Fed from what the batches and the commit
 * return; read once by the cleanup. A commit whose outcome can't be told locks it: any folder
 * might then be the committed index's, so nothing is removed.
 */
import type { BatchRunResult } from '@engine/engine.js';

export interface Removal {
  /** Folders to remove (the engine still keeps any a version references). */
  folders: string[];
  /** `_indices/` before the batches ran, when folders named by pylance itself must be looked for. */
  strayScanSince: Set<string> | undefined;
}

export class Leftovers {
  private readonly folders = new Set<string>();
  /** `_indices/` before the batches ran, when a batch's folder name can't be known in advance. */
  dirsBefore: Set<string> | undefined;
  /** A batch whose folder name we don't know was stopped mid-build: look for what it left. */
  private strays = false;
  /** The commit failed and whether Lance committed could not be told. */
  private locked = false;

  mayHaveWritten(folders: Iterable<string>): void {
    for (const f of folders) this.folders.add(f);
  }

  fromBatch(r: BatchRunResult): void {
    this.mayHaveWritten(r.mayHaveWritten);
    if (r.stoppedMidBuild) this.strays = true;
  }

  /** The commit failed: the folders announced for the index are leftovers, unless Lance may have committed them. */
  commitFailed(announced: string[], outcomeUnknown: boolean): void {
    this.mayHaveWritten(announced);
    if (outcomeUnknown) this.locked = true;
  }

  /** These are now the index's (or were merged into it and removed by the engine): not leftovers. */
  committed(folders: string[]): void {
    for (const f of folders) this.folders.delete(f);
  }

  /** What to remove, keeping `keep` (segments kept for a retry); undefined when nothing may be removed. */
  toRemove(keep: ReadonlySet<string>): Removal | undefined {
    if (this.locked) return undefined;
    return { folders: [...this.folders].filter((f) => !keep.has(f)), strayScanSince: this.strays ? this.dirsBefore : undefined };
  }

  /** The cleanup ran: nothing is left to remove twice. */
  removed(): void {
    this.folders.clear();
    this.strays = false;
  }
}
