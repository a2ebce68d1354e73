/**
 * Phase 2: the plan of a checked build. The one shared balancing rule, fed the measure that
 * predicts a batch's time: rows, or, for text and lists (whose build time follows the size of the
 * values), the indexed column's bytes in each fragment, read from the data files' statistics.
 * An automatic worker count is chosen here too, from the same sizes (shared/auto-workers.ts).
 */
import { autoWorkers } from '@shared/auto-workers.js';
import { balanceFragments, type BalanceMeasure, type SizedFragment } from '@shared/balance.js';
import type { Plan } from '@shared/contract/build.js';
import type { DatasetDescription } from '@shared/contract/dataset.js';
import { BALANCE_BY_BYTES_TYPES } from '@shared/index-types.js';
import type { IndexEngine } from '@engine/engine.js';
import { errorMessage } from '@engine/engine-errors.js';
import { fragmentsOf, type BuildSpec } from './validate.js';

/** Past this many fragments, reading every file's statistics (a request each on an object store)
 *  costs more than balancing by bytes saves, unless bytes are asked for. */
export const MAX_FRAGMENTS_FOR_AUTO_BYTES = 5000;

/** The longest the sizes may hold a build up: they only refine the balance, and storage that
 *  stops answering must not stall the plan (the read is stopped and rows balance instead). */
export const COLUMN_BYTES_BUDGET_MS = 15_000;

export function measureFor(spec: BuildSpec, fragments: number): BalanceMeasure {
  const asked = spec.request.balanceBy;
  if (asked !== 'auto') return asked;
  // With no more fragments than workers each gets its own batch whatever they weigh (an
  // automatic count still wants the sizes: they say how much work there is).
  if (spec.request.workers !== 'auto' && fragments <= spec.request.workers) return 'rows';
  return BALANCE_BY_BYTES_TYPES.has(spec.indexType) && fragments <= MAX_FRAGMENTS_FOR_AUTO_BYTES ? 'bytes' : 'rows';
}

export async function planBuild(engine: IndexEngine, spec: BuildSpec, ds: DatasetDescription): Promise<Plan> {
  const fragments = fragmentsOf(ds, spec.fragmentIds);
  const warnings: string[] = [];
  let measure = measureFor(spec, fragments.length);
  let sized: SizedFragment[] = fragments;
  if (measure === 'bytes') {
    const asked = spec.request.balanceBy === 'bytes'; // then the user waits for the sizes, however long
    try {
      const opts = asked ? {} : { timeoutMs: COLUMN_BYTES_BUDGET_MS };
      const bytes = await engine.columnBytes({ uri: ds.uri, storageOptions: ds.storageOptions }, spec.column, ds.version, opts);
      sized = fragments.map((f) => ({ ...f, bytes: bytes.get(f.id) ?? null }));
    } catch (err) {
      if (asked) throw err;
      measure = 'rows';
      warnings.push(`Balanced by rows: the column's size per fragment could not be read (${errorMessage(err).split('\n')[0]}).`);
    }
  }
  const chosen = spec.request.workers === 'auto' ? autoWorkers(spec.indexType, sized, await engine.parallelism()) : undefined;
  const plan = balanceFragments(sized, chosen?.workers ?? (spec.request.workers as number), measure);
  return { ...plan, warnings: [...plan.warnings, ...warnings], ...(chosen ? { autoWorkers: chosen.reason } : {}) };
}
