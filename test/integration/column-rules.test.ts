/**
 * shared/index-types.ts decides which columns each index type is offered for and which builds
 * validation refuses. This keeps it honest: for every column kind, the table's answer must equal
 * whether pylance 10 (the oldest engine the app runs, the Lance of @lancedb/lancedb 0.37.1) builds
 * that index type over one fragment, and whatever it offers, the engine's own pylance 14 builds
 * too (14 accepts some more, e.g. BTREE on binary, which the app doesn't offer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
// The scalar types; the vector types' column rule (float fixed-size lists) is vector-indices.test.ts's.
import { SCALAR_INDEX_TYPES as INDEX_TYPES, INDEX_TYPE_INFO, type ScalarIndexType as IndexType } from '@shared/index-types.js';
import { flattenFields, type SchemaField } from '@shared/contract/dataset.js';
import { describeJson } from '../helpers/cli.js';
import { runFixture } from '../helpers/python.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { PREV_PYTHON } from '../helpers/paths.js';

type Accepts = Record<string, Record<IndexType, true | string>>;

// Every column the fixture writes; the list is here too so a column the fixture drops fails loudly.
const COLUMNS = [
  'c_int',
  'c_float',
  'c_string',
  'c_large_string',
  'c_bool',
  'c_date',
  'c_timestamp',
  'c_binary',
  'c_list_string',
  'c_list_int',
  'c_dictionary',
  'c_decimal',
  'c_uint',
  'c_float16',
  'c_large_binary',
  'c_fixed_binary',
  'c_time',
  'c_duration',
  'c_large_list_string',
  'c_list_float',
  'c_list_bool',
  'c_list_date',
  'c_list_dictionary',
  'c_list_struct',
  'c_fixed_list',
  'c_struct',
  'c_struct.x',
  'c_struct.s',
];

let root: string;
let accepts: Accepts;
let engineAccepts: Accepts;
let fields: Map<string, SchemaField>;

beforeAll(async () => {
  root = await makeTempDir('column-rules');
  const uri = join(root, 'kinds.lance');
  ({ accepts } = await runFixture<{ uri: string; accepts: Accepts }>('column_kinds.py', [join(root, 'prev.lance')], PREV_PYTHON));
  ({ accepts: engineAccepts } = await runFixture<{ uri: string; accepts: Accepts }>('column_kinds.py', [uri]));
  // Column types exactly as the app sees them: through the engine's describe, via the CLI.
  const ds = await describeJson(['--uri', uri]);
  fields = new Map(flattenFields(ds.schema).map((f) => [f.path, f]));
});

afterAll(() => removeDir(root));

describe('INDEX_TYPE_INFO[type].suits agrees with pylance 10, and the engine builds all it offers', () => {
  it('the fixture probed every column and every index type', () => {
    expect(Object.keys(accepts).sort()).toEqual([...COLUMNS].sort());
    for (const c of COLUMNS) expect(Object.keys(accepts[c]).sort()).toEqual([...INDEX_TYPES].sort());
    // The probe must be able to say yes as well as no, or agreement would mean nothing.
    expect(accepts.c_int.BTREE).toBe(true);
    expect(accepts.c_int.FTS).toMatch(/INVERTED index column c_int must be string/);
  });

  it.each(COLUMNS)('%s', (column) => {
    const field = fields.get(column);
    expect(field, `describe lists ${column}`).toBeDefined();
    const table = Object.fromEntries(INDEX_TYPES.map((t) => [t, INDEX_TYPE_INFO[t].suits(field!.type)]));
    const pylance = Object.fromEntries(INDEX_TYPES.map((t) => [t, accepts[column][t] === true]));
    // On a mismatch the message shows the column's type and pylance's own reasons.
    const reasons = INDEX_TYPES.filter((t) => accepts[column][t] !== true).map((t) => `${t}: ${accepts[column][t]}`);
    expect(table, `${column} (${field!.type.arrow}); pylance 10 refused:\n${reasons.join('\n')}`).toEqual(pylance);
    const offeredButRefused = INDEX_TYPES.filter((t) => table[t] && engineAccepts[column][t] !== true);
    expect(
      offeredButRefused.map((t) => `${t}: ${engineAccepts[column][t]}`),
      `${column}: offered, but the engine's pylance refuses`,
    ).toEqual([]);
  });
});
