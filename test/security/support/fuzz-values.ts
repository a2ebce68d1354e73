/** Random values for the fuzz tests: the strings, numbers and shapes that break parsers. */
import type { Rng } from './seeded-random.js';

/** Strings with a history: paths out, NULs, template and SQL syntax, names on Object.prototype. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n\r',
  '../../../etc/passwd',
  '..',
  '.',
  '%00',
  '%2e%2e%2f',
  'C:\\Windows',
  '~',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  "' OR 1=1 --",
  'id = 1; DROP TABLE x',
  'id >',
  'contains(',
  ')))',
  '${7*7}',
  '{{7*7}}',
  '<script>',
  'a\'b"c\\d',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '1e309',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E',
  '\uFEFF',
  '\u200B',
  '💥'.repeat(3),
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2,
  3,
  255,
  256,
  257,
  1000,
  1001,
  10_000,
  10_001,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  -0.000001,
];

export const KEY_POOL = [
  'uri',
  'target',
  'namespace',
  'root',
  'impl',
  'tableId',
  'storageOptions',
  'column',
  'indexType',
  'workers',
  'name',
  'limit',
  'offset',
  'filter',
  'fullText',
  'query',
  'jobId',
  'address',
  'token',
  'engine',
  'kind',
  'indexParams',
  'fragmentIds',
  '__proto__',
  'constructor',
  'prototype',
  '',
];

export function randomString(r: Rng): string {
  switch (r.int(0, 4)) {
    case 0:
      return r.pick(NASTY_STRINGS);
    case 1: // printable ASCII
      return Array.from({ length: r.int(0, 40) }, () => String.fromCharCode(r.int(32, 126))).join('');
    case 2: // any UTF-16 code unit: controls, lone surrogates, private use
      return Array.from({ length: r.int(1, 30) }, () => String.fromCharCode(r.int(0, 0xffff))).join('');
    case 3: // long, but a request still fits in a frame
      return r.pick(['a', '/', '\u0000', 'é', '{']).repeat(r.int(1_000, 200_000));
    default:
      return `${r.pick(NASTY_STRINGS)}${r.int(0, 9)}`;
  }
}

/** Any JSON value, nested at most `depth` deep. */
export function randomJson(r: Rng, depth = 3): unknown {
  switch (r.int(0, depth > 0 ? 7 : 4)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(NUMBERS);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(0, 5) }, () => randomJson(r, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 5); i > 0; i--) setOwn(o, r.chance(0.7) ? r.pick(KEY_POOL) : randomString(r).slice(0, 50), randomJson(r, depth - 1));
      return o;
    }
  }
}

/** Values only structured clone carries (what a renderer can put in an IPC call), never JSON. */
export function randomCloneOnly(r: Rng): unknown {
  const make = [
    () => BigInt(r.int(-5, 5)) ** 40n,
    () => new Map([[r.pick(KEY_POOL), randomJson(r, 1)]]),
    () => new Set([randomJson(r, 1)]),
    () => new Date(r.pick([0, 8.64e15, NaN])),
    () => new Uint8Array(r.int(0, 64)),
    () => undefined,
    () => r.pick([NaN, Infinity, -Infinity]),
    () => Object.assign(new Array<number>(3), { 2: r.int(0, 9) }), // sparse: holes at 0 and 1
    () => Object.assign(Object.create(null) as object, { uri: '/x' }),
    () => /.*/g,
    () => new Error(randomString(r).slice(0, 80)),
  ];
  return r.pick(make)();
}

/**
 * `{ a: { a: ... } }` or `[[...]]`, `depth` levels. For the wire it stands in as a placeholder
 * that `wireText` writes out as text: JSON.stringify itself recurses and would overflow first.
 */
export function deepNest(r: Rng, depth: number, asText: boolean): unknown {
  const asArray = r.chance(0.5);
  if (asText) {
    const key = `@@deep-${deepTexts.size}@@`;
    deepTexts.set(key, asArray ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth));
    return { toJSON: () => key };
  }
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}
const deepTexts = new Map<string, string>();

/** JSON text of a value, with deepNest's placeholders written out in full. */
export function wireText(value: unknown): string {
  return JSON.stringify(value).replace(/"(@@deep-\d+@@)"/g, (_, key: string) => deepTexts.get(key) ?? 'null');
}

/** Lone UTF-16 surrogates replaced by U+FFFD (String.prototype.toWellFormed, past this TS lib). */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** An own property even for `__proto__` (an assignment would set the prototype instead). */
export function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
