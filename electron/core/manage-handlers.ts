/**
 * The window's index care: column statistics, drop and rename, and the orphan cleanup that the
 * CLI's `cleanup` does. Whatever changes the dataset tells the service, which drops what it
 * remembered of it (the next request reads it afresh).
 */
import type * as z from 'zod';
import type { DatasetTarget } from '@shared/contract/dataset.js';
import type { ManageApi } from '@shared/contract/manage.js';
import type { IndexEngine, ResolvedDataset } from '@engine/engine.js';

type Handlers = { [M in keyof typeof ManageApi]: (input: z.output<(typeof ManageApi)[M]['input']>) => Promise<z.output<(typeof ManageApi)[M]['output']>> };

export function manageHandlers(engine: IndexEngine, resolve: (t: DatasetTarget) => Promise<ResolvedDataset>, changed: (t: DatasetTarget) => void): Handlers {
  const changing = async <T>(target: DatasetTarget, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      changed(target);
    }
  };
  return {
    columnStats: async (i) => engine.columnStats(await resolve(i.target), i.column),
    dropIndex: async (i) => changing(i.target, async () => engine.dropIndex(await resolve(i.target), i.name)),
    renameIndex: async (i) => changing(i.target, async () => engine.renameIndex(await resolve(i.target), i.name, i.newName)),
    findOrphans: async (i) => engine.findOrphans(await resolve(i.target), { minAgeS: i.minAgeS }),
    // The engine re-reads every version right before it deletes, and keeps what any references.
    removeOrphans: async (i) => changing(i.target, async () => engine.removeOrphans(await resolve(i.target), i.uuids)),
  };
}
