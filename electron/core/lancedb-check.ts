/**
 * The Node side's view of a freshly built index: does @lancedb/lancedb (which bundles its own
 * Lance) list it, and does its query plan use it? Proves the pinned pylance and the pinned
 * @lancedb/lancedb agree on the index format.
 */
import { basename, dirname } from 'node:path';
import type { Verification } from '@shared/contract/build.js';
import type { Table } from '@lancedb/lancedb';
import { planUsesVectorIndex } from '@shared/engine-facts.js';
import { isVectorIndexType } from '@shared/index-types.js';
import { planUsesIndex } from '@shared/engine-facts.js';

type LanceDbCheck = NonNullable<Verification['lancedb']>;

const UNLISTED_BY_LANCEDB = new Set(['NGRAM', 'ZONEMAP', 'BLOOMFILTER']);

/** lancedb opens tables as `<name>.lance` folders inside a database folder. */
export function lancedbLocation(uri: string): { dbUri: string; table: string } | undefined {
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || uri.startsWith('file://');
  const path = uri.replace(/^file:\/\//, '').replace(/\/+$/, '');
  if (!local || !path.endsWith('.lance')) return undefined;
  return { dbUri: dirname(path), table: basename(path, '.lance') };
}

let loading: Promise<typeof import('@lancedb/lancedb')> | undefined;

/**
 * Load the native binding now (~0.12 s, on the main thread): a build calls this while its first
 * Python engine starts on the other core, so the check at the end doesn't pay for it.
 */
export function loadLanceDb(): Promise<typeof import('@lancedb/lancedb')> {
  loading ??= import('@lancedb/lancedb');
  return loading;
}

export async function checkWithLanceDb(uri: string, indexName: string, probe: string | undefined, indexType: string, column?: string): Promise<LanceDbCheck> {
  const where = lancedbLocation(uri);
  if (!where) return { checked: false, note: 'not checked: @lancedb/lancedb opens local <name>.lance folders' };
  try {
    const lancedb = await loadLanceDb();
    const db = await lancedb.connect(where.dbUri);
    const table = await db.openTable(where.table);
    try {
      const listed = (await table.listIndices()).some((i) => i.name === indexName);
      let usesIndex: boolean | undefined;
      if (isVectorIndexType(indexType) && column) {
        usesIndex = await vectorSearchUsesIndex(table, column);
      } else if (probe) {
        if (indexType === 'INVERTED' || indexType === 'FTS') {
          const token = /'(.*)'/.exec(probe)?.[1] ?? probe;
          const plan = await table.query().fullTextSearch(token).explainPlan();
          usesIndex = planUsesIndex(plan, true);
        } else {
          const plan = await table.query().where(probe).explainPlan();
          usesIndex = planUsesIndex(plan, false);
        }
      }
      // @lancedb/lancedb 0.37.1's listIndices leaves these types out although its queries use them.
      const note =
        !listed && UNLISTED_BY_LANCEDB.has(indexType) ? `@lancedb/lancedb 0.37.1 does not list ${indexType} indices (a gap in its listIndices)` : undefined;
      return { checked: true, listed, usesIndex, ...(note ? { note } : {}) };
    } finally {
      table.close();
      db.close();
    }
  } catch (err) {
    return { checked: false, note: `@lancedb/lancedb could not open it: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

/** lancedb's own nearest-neighbour search, from the first row's vector (a.b reaches into structs). */
async function vectorSearchUsesIndex(table: Table, column: string): Promise<boolean | undefined> {
  const [row] = await table
    .query()
    .select([column.split('.')[0]])
    .where(`${column} IS NOT NULL`)
    .limit(1)
    .toArray();
  const value = column.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], row);
  if (!value) return undefined;
  const vector = Array.from(value as Iterable<number>, Number);
  return planUsesVectorIndex(await table.vectorSearch(vector).column(column).explainPlan());
}
