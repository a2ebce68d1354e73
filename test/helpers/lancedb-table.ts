/**
 * Datasets made by @lancedb/lancedb itself, and the checks @lancedb/lancedb makes of ours.
 * apache-arrow turns plain JS string arrays into dictionary columns, which Lance refuses for
 * full-text search, so every vector is built with an explicit type against an explicit schema.
 */
import * as lancedb from '@lancedb/lancedb';
import { Field, Float64, Int64, List, Schema, Table as ArrowTable, Utf8, vectorFromArray } from 'apache-arrow';
import { basename, dirname } from 'node:path';
import { planUsesIndex } from '@shared/engine-facts.js';

const WORDS = ['lamp', 'sofa', 'table', 'chair', 'shelf', 'rug', 'mirror', 'clock'];
const CATEGORIES = ['indoor', 'outdoor', 'kids', 'office'];
export const LANCEDB_RARE_TOKEN = 'quokkamark';

const SCHEMA = new Schema([
  new Field('id', new Int64(), false),
  new Field('title', new Utf8(), true),
  new Field('category', new Utf8(), true),
  new Field('score', new Float64(), true),
  new Field('tags', new List(new Field('item', new Utf8(), true)), true),
]);

function rows(start: number, n: number): ArrowTable {
  const ids = Array.from({ length: n }, (_, i) => start + i);
  const title = (i: number) => `${WORDS[i % 8]} ${WORDS[(i * 3 + 1) % 8]}${i % 89 === 0 ? ` ${LANCEDB_RARE_TOKEN}` : ''}`;
  return new ArrowTable(SCHEMA, {
    id: vectorFromArray(
      ids.map((i) => BigInt(i)),
      new Int64(),
    ),
    title: vectorFromArray(ids.map(title), new Utf8()),
    category: vectorFromArray(
      ids.map((i) => CATEGORIES[i % 4]),
      new Utf8(),
    ),
    score: vectorFromArray(
      ids.map((i) => i / 8),
      new Float64(),
    ),
    tags: vectorFromArray(
      ids.map((i) => [CATEGORIES[i % 4], WORDS[i % 8]]),
      SCHEMA.fields[4].type,
    ),
  });
}

/** Writes `<dbDir>/<name>.lance` with one fragment per entry (createTable, then one add each). */
export async function writeLancedbTable(dbDir: string, name: string, fragments: number[]): Promise<string> {
  const db = await lancedb.connect(dbDir);
  const table = await db.createTable(name, rows(0, fragments[0]), { mode: 'create' });
  let start = fragments[0];
  for (const n of fragments.slice(1)) {
    await table.add(rows(start, n));
    start += n;
  }
  table.close();
  db.close();
  return `${dbDir}/${name}.lance`;
}

/** Opens a local `<db>/<name>.lance` dataset with @lancedb/lancedb for the duration of `work`. */
export async function withLancedbTable<T>(uri: string, work: (t: lancedb.Table) => Promise<T>): Promise<T> {
  const db = await lancedb.connect(dirname(uri));
  const table = await db.openTable(basename(uri, '.lance'));
  try {
    return await work(table);
  } finally {
    table.close();
    db.close();
  }
}

const usesScalarIndex = (plan: string) => planUsesIndex(plan, false);
const usesFtsIndex = (plan: string) => planUsesIndex(plan, true);

/** Sorted ids of the rows a query returns (ids come back as bigint from Int64). */
function sortedIds(rows: Array<Record<string, unknown>>): number[] {
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** A query that an index should answer, and the same question asked of every row in JS. */
export interface Probe {
  column: string;
  /** A SQL filter (scalar indices) ... */
  where?: string;
  /** ... or a full-text search term (INVERTED/FTS). */
  fullText?: string;
  matches: (value: unknown) => boolean;
}

export interface ProbeOutcome {
  plan: string;
  usesIndex: boolean;
  ids: number[];
  /** The ids a full scan finds: every row read without a filter, tested in JS. */
  fullScanIds: number[];
}

const ALL_ROWS = 1_000_000;

/** Runs a probe with @lancedb/lancedb: its plan, its result, and the full-scan answer. */
export async function runProbe(table: lancedb.Table, probe: Probe): Promise<ProbeOutcome> {
  const query = probe.fullText !== undefined ? table.query().fullTextSearch(probe.fullText, { columns: probe.column }) : table.query().where(probe.where!);
  const plan = await query.explainPlan();
  // Full-text results carry _score; naming it keeps Lance from warning that it was added.
  const rows = await query
    .select(probe.fullText !== undefined ? ['id', '_score'] : ['id'])
    .limit(ALL_ROWS)
    .toArray();
  const top = probe.column.split('.')[0];
  const everything = await table
    .query()
    .select([...new Set(['id', top])])
    .limit(ALL_ROWS)
    .toArray();
  const valueOf = (row: Record<string, unknown>) => probe.column.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], row);
  return {
    plan,
    usesIndex: probe.fullText !== undefined ? usesFtsIndex(plan) : usesScalarIndex(plan),
    ids: sortedIds(rows),
    fullScanIds: sortedIds(everything.filter((r) => probe.matches(valueOf(r)))),
  };
}

/** Arrow list cells arrive as Vectors; this gives their items as a plain array. */
export function listItems(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
}
