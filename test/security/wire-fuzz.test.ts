/**
 * Issue 8, item 6: bad input over browser mode's WebSocket. A seeded fuzzer sends thousands of
 * random and malformed messages to a real host (`lance-index ui`, real engine): calls with wrong
 * types, huge strings, deep nesting, unknown methods; frames that aren't JSON, aren't requests,
 * are binary, too big or not UTF-8; handshakes with a wrong token, origin, Host or path. Every
 * call must be answered (an output of the contract, or an error with a message), every bad frame
 * or handshake refused (closed with its reason, or 403); afterwards the host still answers a
 * normal call, its memory hasn't grown past a generous bound and the real dataset is unchanged.
 * The seed is printed; FUZZ_SEED=<seed> replays a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startUiHost, type Host } from '../e2e/support/host.js';
import { makeSample } from '../e2e/support/dataset.js';
import { fileSnapshot } from '../helpers/snapshot.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { fuzzSeed, seededRandom } from './support/seeded-random.js';
import { randomCall, replyProblem, type Sandbox } from './support/fuzz-calls.js';
import { wireText } from './support/fuzz-values.js';
import { mapLimited } from './support/lanes.js';
import { MAX_REQUEST_BYTES, badFrame, badHandshake, oversized, type BadFrame } from './support/fuzz-frames.js';

const SEED = fuzzSeed();
const CALLS = 4000;
const FRAMES = 400;
const HANDSHAKES = 200;
const IN_FLIGHT = 16;
const ROUNDS = 6;

let dir: string;
let host: Host;
let sandbox: Sandbox;

beforeAll(async () => {
  console.log(`wire fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  dir = await makeTempDir('wire-fuzz');
  sandbox = { dir: join(dir, 'sandbox'), dataset: join(dir, 'data', 'reviews.lance'), rayAddress: 'http://127.0.0.1:1' };
  await mkdir(sandbox.dir);
  await makeSample(sandbox.dataset, 3000, 4);
  host = await startUiHost({ stateDir: join(dir, 'state') });
});
afterAll(async () => {
  await host?.stop();
  await removeDir(dir);
});

const rssBytes = async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${host.child.pid}/status`, 'utf8'))![1]) * 1024;
const where = (i: number, what: string) => `seed ${SEED}, message ${i} (${what})`;

function open(path = `/api?token=${host.token}`, headers: Record<string, string> = { origin: host.origin }): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers, perMessageDeflate: false });
}

/** How the host ended a connection that sent one bad frame (or answered it, which is wrong). */
function refusalOf(frame: BadFrame): Promise<string> {
  return new Promise((resolve) => {
    const ws = open();
    ws.on('open', () => ws.send(frame.data, { binary: frame.binary }));
    ws.on('message', (data) => {
      if (!('event' in JSON.parse(data.toString()))) resolve(`answered instead of refusing: ${data.toString().slice(0, 200)}`);
    });
    ws.on('close', (code, reason) => {
      const right = frame.closeCodes.includes(code) && (code !== 1003 || reason.toString() === 'malformed request');
      resolve(right ? 'refused' : `closed with ${code} '${reason}'`);
    });
    ws.on('error', () => undefined); // the close that follows says how it ended
  });
}

function handshakeStatus(path: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = open(path, headers);
    ws.on('open', () => (resolve('open'), ws.terminate()));
    ws.on('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
    ws.on('error', () => undefined);
  });
}

/** Sends every call on one connection, IN_FLIGHT at a time; returns each answer's problem. */
async function callAll(calls: Array<{ id: number; method: string; text: string }>): Promise<string[]> {
  const ws = open();
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const problems: string[] = [];
  const waiting = new Map<number, { method: string; done: () => void }>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number };
    if (typeof msg.id !== 'number') return; // a build's events, sent to every window
    const w = waiting.get(msg.id);
    if (!w) return void problems.push(`an answer to no call: id ${msg.id}`);
    const problem = replyProblem(w.method, msg);
    if (problem) problems.push(`${where(msg.id, w.method)}: ${problem}`);
    waiting.delete(msg.id);
    w.done();
  });
  const closed = new Promise<string>((resolve) =>
    ws.on('close', (code, reason) => resolve(`connection closed (${code} '${reason}') with calls ${[...waiting.keys()].join(', ')} unanswered`)),
  );
  let next = 0;
  const lanes = Array.from({ length: IN_FLIGHT }, async () => {
    while (next < calls.length) {
      const c = calls[next++]!;
      const answered = new Promise<void>((done) => waiting.set(c.id, { method: c.method, done }));
      ws.send(c.text);
      const outcome = await Promise.race([answered.then(() => undefined), closed]);
      if (outcome) throw new Error(`${where(c.id, c.method)}: ${outcome}`);
    }
  });
  await Promise.all(lanes);
  ws.close();
  return problems;
}

describe('the WebSocket under fuzzing', () => {
  it('answers or refuses every message, stays up, keeps its memory and leaves the dataset alone', async () => {
    const r = seededRandom(SEED);
    const datasetBefore = await fileSnapshot(sandbox.dataset);
    const calls: Array<{ id: number; method: string; text: string }> = [];
    const frames: BadFrame[] = [];
    for (let id = 0; id < CALLS; id++) {
      const { method, input } = randomCall(r, sandbox, { cloneOnly: false });
      const text = wireText({ id, method, input });
      // A call past the frame limit, or without an input (the protocol's frames always carry
      // one), is refused whole: it goes with the bad frames.
      if (Buffer.byteLength(text) > MAX_REQUEST_BYTES)
        frames.push({ what: `call ${id} of ${text.length} bytes`, data: text, binary: false, closeCodes: [1009] });
      else if (input === undefined) frames.push({ what: `call ${id} without an input`, data: text, binary: false, closeCodes: [1003] });
      else calls.push({ id, method, text });
    }
    for (let i = 0; i < FRAMES; i++) frames.push(i % 40 === 0 ? oversized(r) : badFrame(r));
    const handshakes = Array.from({ length: HANDSHAKES }, () => badHandshake(r, host));

    // Rounds, each with a share of every kind; the host's RSS is read after each. The first
    // rounds warm up (code paths, engine workers, the heap's high-water mark).
    const rss: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const share = <T>(items: T[]) => items.filter((_, i) => i % ROUNDS === round);
      expect(await callAll(share(calls))).toEqual([]);
      const refusals = await mapLimited(share(frames.map((f, i) => ({ f, i }))), 8, async ({ f, i }) => ({ i, what: f.what, outcome: await refusalOf(f) }));
      expect(refusals.filter((x) => x.outcome !== 'refused').map((x) => `${where(x.i, x.what)}: ${x.outcome}`)).toEqual([]);
      const statuses = await mapLimited(share(handshakes.map((h, i) => ({ h, i }))), 8, async ({ h, i }) => ({
        i,
        what: h.what,
        status: await handshakeStatus(h.path, h.headers),
      }));
      expect(statuses.filter((x) => x.status !== 403).map((x) => `${where(x.i, x.what)}: ${x.status}`)).toEqual([]);
      rss.push(await rssBytes());
    }

    // Still up, still right: a normal call on a new connection.
    expect(host.child.exitCode).toBeNull();
    await describeOnce();
    const sentMiB = [...calls.map((c) => c.text), ...frames.map((f) => f.data)].reduce((n, d) => n + d.length, 0) / 2 ** 20;
    const mib = rss.map((b) => (b / 2 ** 20).toFixed(0));
    console.log(
      `wire fuzz: ${calls.length} calls, ${frames.length} bad frames, ${handshakes.length} bad handshakes; ${sentMiB.toFixed(0)} MiB sent; host RSS after each round ${mib.join(', ')} MiB`,
    );
    // Big frames make RSS jump and fall back by up to ~100 MiB, so floors are compared: the
    // lowest reading of the last two rounds against the lowest of rounds 2-3 (round 1 warms up).
    // Generous: it catches a host that keeps what it parses or answers (one that kept each
    // parsed request grew to 900 MiB), not a slow leak; the soak test measures small growth.
    const floor = (xs: number[]) => Math.min(...xs) / 2 ** 20;
    expect(floor(rss.slice(-2)) - floor(rss.slice(1, 3))).toBeLessThan(96);
    expect(await fileSnapshot(sandbox.dataset)).toEqual(datasetBefore);
  });
});

/** The dataset described through the fuzzed host: it must still read it right. */
async function describeOnce(): Promise<void> {
  const ws = open();
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = await new Promise<Record<string, unknown>>((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Record<string, unknown>;
      if (m.id === 7) resolve(m);
    });
    ws.send(JSON.stringify({ id: 7, method: 'describeDataset', input: { target: { uri: sandbox.dataset } } }));
  });
  ws.close();
  expect(reply).toMatchObject({ ok: true, output: { fragments: expect.any(Array) } });
  expect((reply.output as { fragments: unknown[] }).fragments).toHaveLength(4);
}
