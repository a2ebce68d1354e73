// Peer: @lancedb/lancedb's createIndex from Node (whole table, one call). Plain JavaScript, not
// TypeScript through tsx: a loader compiling on start would add time no lancedb user pays.
// Vector cases pass their parameters as a last JSON argument, in pylance's names.
import * as lancedb from '@lancedb/lancedb';
import { basename, dirname } from 'node:path';

// lancedb's names for pylance's; a parameter without one fails, rather than lancedb silently
// building with its default while the others use the case's value.
const NAMES = { num_partitions: 'numPartitions', num_sub_vectors: 'numSubVectors', metric: 'distanceType' };

function vectorIndex(type, params) {
  const options = {};
  for (const [k, v] of Object.entries(params)) {
    if (!NAMES[k]) throw new Error(`lancedb-build.mjs: no lancedb option for the parameter ${k}`);
    options[NAMES[k]] = v;
  }
  return type === 'IVF_PQ' ? lancedb.Index.ivfPq(options) : lancedb.Index.ivfFlat(options);
}

function scalarIndex(type) {
  // withPosition: false, as pylance's and the app's default: lancedb's own default (positions,
  // for phrase queries) builds a bigger index, which would not be the same work.
  return type === 'FTS' ? lancedb.Index.fts({ withPosition: false }) : type === 'BITMAP' ? lancedb.Index.bitmap() : lancedb.Index.btree();
}

const [uri, column, type, paramsJson] = process.argv.slice(2);
const t0 = performance.now();
const db = await lancedb.connect(dirname(uri));
const table = await db.openTable(basename(uri, '.lance'));
const config = paramsJson ? vectorIndex(type, JSON.parse(paramsJson)) : scalarIndex(type);
const t1 = performance.now();
await table.createIndex(column, { config, name: `${column}_peer`, replace: true });
const t2 = performance.now();
console.log(JSON.stringify({ open_s: (t1 - t0) / 1000, build_s: (t2 - t1) / 1000 }));
