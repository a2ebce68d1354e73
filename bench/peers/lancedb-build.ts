/** Peer: @lancedb/lancedb's createIndex from Node (whole table, one call). */
import * as lancedb from '@lancedb/lancedb';
import { basename, dirname } from 'node:path';

const [uri, column, type] = process.argv.slice(2) as [string, string, string];
const t0 = performance.now();
const db = await lancedb.connect(dirname(uri));
const table = await db.openTable(basename(uri, '.lance'));
const config = type === 'FTS' ? lancedb.Index.fts() : type === 'BITMAP' ? lancedb.Index.bitmap() : lancedb.Index.btree();
const t1 = performance.now();
await table.createIndex(column, { config, name: `${column}_peer`, replace: true });
const t2 = performance.now();
console.log(JSON.stringify({ open_s: (t1 - t0) / 1000, build_s: (t2 - t1) / 1000 }));
