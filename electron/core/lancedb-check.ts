/**
 * The Node side's view of a freshly built index: does @lancedb/lancedb (which bundles its own
 * Lance) list it, and does its query plan use it? Proves the pinned pylance and the pinned
 * @lancedb/lancedb agree on the index format.
 */
import { basename, dirname } from 'node:path';
import type { Verification } from '@shared/contract/build.js';

type LanceDbCheck = NonNullable<Verification['lancedb']>;

const UNLISTED_BY_LANCEDB = new Set(['NGRAM', 'ZONEMAP', 'BLOOMFILTER']);

/** lancedb opens tables as `<name>.lance` folders inside a database folder. */
export function lancedbLocation(uri: string): { dbUri: string; table: string } | undefined {
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || uri.startsWith('file://');
  const path = uri.replace(/^file:\/\//, '').replace(/\/+$/, '');
  if (!local || !path.endsWith('.lance')) return undefined;
  return { dbUri: dirname(path), table: basename(path, '.lance') };
}

export async function checkWithLanceDb(uri: string, indexName: string, probe: string | undefined, indexType: string): Promise<LanceDbCheck> {
  const where = lancedbLocation(uri);
  if (!where) return { checked: false, note: 'not checked: @lancedb/lancedb opens local <name>.lance folders' };
  try {
    const lancedb = await import('@lancedb/lancedb');
    const db = await lancedb.connect(where.dbUri);
    const table = await db.openTable(where.table);
    try {
      const listed = (await table.listIndices()).some((i) => i.name === indexName);
      let usesIndex: boolean | undefined;
      if (probe) {
        if (indexType === 'INVERTED' || indexType === 'FTS') {
          const token = /'(.*)'/.exec(probe)?.[1] ?? probe;
          const plan = await table.query().fullTextSearch(token).explainPlan();
          usesIndex = plan.includes('MatchQuery') && !plan.includes('FlatMatchQuery');
        } else {
          const plan = await table.query().where(probe).explainPlan();
          usesIndex = /ScalarIndexQuery|MaterializeIndex|ScalarIndexExpr/.test(plan);
        }
      }
      // @lancedb/lancedb 0.37.1's listIndices leaves these types out although its queries use them.
      const note = !listed && UNLISTED_BY_LANCEDB.has(indexType) ? `@lancedb/lancedb 0.37.1 does not list ${indexType} indices (a gap in its listIndices)` : undefined;
      return { checked: true, listed, usesIndex, ...(note ? { note } : {}) };
    } finally {
      table.close();
      db.close();
    }
  } catch (err) {
    return { checked: false, note: `@lancedb/lancedb could not open it: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
