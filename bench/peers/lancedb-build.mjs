// Peer: @lancedb/lancedb's createIndex from Node (whole table, one call). Plain JavaScript, not
// TypeScript through tsx: a loader compiling on start would add time no lancedb user pays.
import * as lancedb from '@lancedb/lancedb';
import { basename, dirname } from 'node:path';

const [uri, column, type] = process.argv.slice(2);
const t0 = performance.now();
const db = await lancedb.connect(dirname(uri));
const table = await db.openTable(basename(uri, '.lance'));
// withPosition: false, as pylance's and the app's default: lancedb's own default (positions,
// for phrase queries) builds a bigger index, which would not be the same work.
const config = type === 'FTS' ? lancedb.Index.fts({ withPosition: false }) : type === 'BITMAP' ? lancedb.Index.bitmap() : lancedb.Index.btree();
const t1 = performance.now();
await table.createIndex(column, { config, name: `${column}_peer`, replace: true });
const t2 = performance.now();
console.log(JSON.stringify({ open_s: (t1 - t0) / 1000, build_s: (t2 - t1) / 1000 }));
