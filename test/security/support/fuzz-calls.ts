/**
 * Random API calls for the fuzz tests: a valid input per method, mutated (wrong types, huge
 * strings, deep nesting, keys removed or added), or no shape at all; and what every answer must
 * look like. Each call is confined before it is sent, so the fuzz can't reach past this test:
 * paths stay in an empty sandbox folder (only read-only methods may name the real dataset),
 * addresses are 127.0.0.1 on a closed port, no namespace server is contacted.
 */
import { API, ApiErrorSchema, type ApiMethod } from '@shared/contract/api.js';
import { API_METHODS, isApiMethod } from '@shared/contract/bridge.js';
import type { Rng } from './seeded-random.js';
import { KEY_POOL, deepNest, randomCloneOnly, randomJson, randomString, setOwn } from './fuzz-values.js';

export interface Sandbox {
  /** An empty folder: every path a fuzzed call names is made to lie inside it. */
  dir: string;
  /** A real dataset, which the read-only methods may name as it is. */
  dataset: string;
  /** Where a Ray dashboard would be: 127.0.0.1 on a port nothing listens on. */
  rayAddress: string;
}

export interface FuzzCall {
  method: string;
  input: unknown;
}

const READ_ONLY: readonly string[] = ['describeDataset', 'validateBuild', 'previewRows', 'runQuery'];
const NOT_METHODS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'DescribeDataset',
  'startBuild\u0000',
  ' listBuilds',
];

function validInput(r: Rng, s: Sandbox, method: ApiMethod): unknown {
  const uri = READ_ONLY.includes(method) && r.chance(0.5) ? s.dataset : `${s.dir}/${r.pick(['missing.lance', 'x', ''])}`;
  const target = r.chance(0.85)
    ? { uri, storageOptions: r.chance(0.3) ? { region: 'us-east-1' } : {} }
    : { namespace: { root: s.dir, impl: 'dir' }, tableId: ['t'] };
  switch (method) {
    case 'describeDataset':
      return { target, withVersions: r.chance(0.5) };
    case 'validateBuild':
    case 'startBuild':
      return {
        target,
        column: r.pick(['id', 'review', 'tags', 'meta.score', 'nope']),
        indexType: r.pick(['BTREE', 'FTS', 'BITMAP', 'NGRAM', 'LABEL_LIST', 'ZONEMAP', 'BLOOMFILTER']),
        workers: r.int(1, 2),
        ...(r.chance(0.3) ? { fragmentIds: [0, 1] } : {}),
        ...(r.chance(0.2) ? { indexParams: { with_position: true } } : {}),
        ...(r.chance(0.1) ? { engine: { kind: 'ray', address: s.rayAddress } } : {}),
      };
    case 'cancelBuild':
      return { jobId: randomString(r).slice(0, 40) };
    case 'previewRows':
      return { target, offset: r.int(0, 3000), limit: r.int(1, 1000) };
    case 'runQuery':
      return {
        target,
        ...(r.chance(0.5) ? { filter: r.pick(['id > 5', "category = 'books'", randomString(r).slice(0, 60)]) } : { fullText: { query: 'battery' } }),
        limit: r.int(1, 100),
      };
    case 'clusterStatus':
      return { address: s.rayAddress, token: 'not-a-token' };
    case 'startEngineSetup':
    case 'checkPython':
    case 'useExistingPython':
      return { python: `${s.dir}/python3` };
    default:
      return {};
  }
}

/** One change at a random place: a value replaced by something of another kind, a key dropped or added. */
function mutate(r: Rng, input: unknown, cloneOnly: boolean): unknown {
  const holder = { v: input };
  const places: Array<[object, string]> = [[holder, 'v']];
  for (let i = 0; i < places.length; i++) {
    const [o, k] = places[i]!;
    const v = (o as Record<string, unknown>)[k];
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) for (const key of Object.keys(v)) places.push([v, key]);
  }
  const [o, k] = r.pick(places);
  const op = r.int(0, 9);
  if (op === 0 && o !== holder) delete (o as Record<string, unknown>)[k];
  else if (op === 1) setOwn(o, r.pick(KEY_POOL), randomJson(r));
  else {
    const replacement = [
      () => randomJson(r),
      () => randomString(r),
      () => deepNest(r, r.int(100, 20_000), !cloneOnly),
      () => (cloneOnly ? randomCloneOnly(r) : randomJson(r, 1)),
    ];
    setOwn(o, k, r.pick(replacement)());
  }
  return holder.v;
}

/** Rewrites whatever could leave the sandbox (see the file's comment), walking without recursion. */
function confine(input: unknown, s: Sandbox, method: string): unknown {
  const holder = { v: input };
  const stack: object[] = [holder];
  // Paths stay in the sandbox: no separators or '..' that could lead out of it.
  const plainName = (v: string) => v.replace(/[/\\:]/g, '_').replace(/\.\./g, '__');
  const inSandbox = (v: string) => `${s.dir}/${plainName(v)}`;
  while (stack.length) {
    const o = stack.pop()! as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      let v = o[k];
      if (typeof v === 'string') {
        if ((k === 'uri' || k === 'root') && !(READ_ONLY.includes(method) && v === s.dataset)) v = inSandbox(v);
        else if (k === 'address') v = s.rayAddress;
        else if (k === 'impl' && v === 'rest') v = 'dir';
        else v = v.replaceAll('://', ':_/');
      } else if (k === 'tableId' && Array.isArray(v)) {
        // Array.from, not v.map: a mutation may have given the array an own `constructor`,
        // and map builds its result through that (Symbol.species).
        v = Array.from(v, (t) => (typeof t === 'string' ? plainName(t) : t));
      } else if (v && typeof v === 'object' && !(v instanceof Map || v instanceof Set || ArrayBuffer.isView(v))) {
        stack.push(v);
      }
      if (v !== o[k]) setOwn(o, k, v);
    }
  }
  // A set-up with no Python named would find one and install the engine for real (minutes of
  // pip per call): the fuzzed set-ups are all given one that doesn't exist, and stop at once.
  if (method === 'startEngineSetup' && holder.v && typeof holder.v === 'object' && !Array.isArray(holder.v)) {
    setOwn(holder.v as object, 'python', `${s.dir}/python3`);
  }
  return holder.v;
}

/** A call: mostly a known method with a mutated input, sometimes a valid one, sometimes nonsense. */
export function randomCall(r: Rng, s: Sandbox, opts: { cloneOnly: boolean; methods?: readonly string[] }): FuzzCall {
  const methods = opts.methods ?? API_METHODS;
  const method = opts.methods || r.chance(0.9) ? r.pick(methods) : r.chance(0.5) ? r.pick(NOT_METHODS) : randomString(r);
  let input: unknown;
  const roll = r.next();
  if (!isApiMethod(method) || roll < 0.1) input = r.chance(0.5) ? randomJson(r) : opts.cloneOnly ? randomCloneOnly(r) : undefined;
  else {
    input = validInput(r, s, method);
    for (let n = roll < 0.2 ? 0 : r.int(1, 3); n > 0; n--) input = mutate(r, input, opts.cloneOnly);
  }
  return { method, input: confine(input, s, method) };
}

const STACK_TRACE = /^\s+at \S|Traceback \(most recent call last\)|node:internal/m;

/** What is wrong with an answer to a call, if anything: it must be an output of the contract or a clear error. */
export function replyProblem(method: string, reply: unknown): string | undefined {
  const r = reply as { ok?: unknown; output?: unknown; error?: unknown };
  if (r?.ok === true) {
    if (!isApiMethod(method)) return `unknown method '${method.slice(0, 40)}' answered ok`;
    const out = API[method].output.safeParse(r.output);
    return out.success ? undefined : `ok, but the output breaks the contract: ${out.error.issues[0]?.message}`;
  }
  if (r?.ok !== false) return `neither ok nor an error: ${JSON.stringify(reply)?.slice(0, 200)}`;
  const e = ApiErrorSchema.safeParse(r.error);
  if (!e.success) return `error of the wrong shape: ${JSON.stringify(r.error)?.slice(0, 200)}`;
  if (!e.data.message.trim()) return 'an empty error message';
  if (STACK_TRACE.test(e.data.message)) return `a stack trace in the message: ${e.data.message.slice(0, 300)}`;
  if (e.data.kind === 'internal') return `an internal error (a bug, not a refusal): ${e.data.message.slice(0, 300)}`;
  return undefined;
}
