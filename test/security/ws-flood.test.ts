/**
 * Issue 9, item 5: one WebSocket client can't exhaust browser mode's host, nor make another
 * window wait behind its queue. Real host (`lance-index ui`), real engine, a real dataset with
 * 10,000 fragments (so a build plan is a large reply); clients are plain WebSockets with the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { engineEnv, pythonExecutable } from '@engine/python-env.js';
import { startUiHost, type Host } from '../e2e/support/host.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let dir: string;
let uri: string;
let host: Host;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  dir = await makeTempDir('ws-flood');
  uri = join(dir, 'many.lance');
  execFileSync(pythonExecutable(), [join(import.meta.dirname, '..', 'e2e', 'support', 'many-fragments.py'), uri, '10000'], { env: engineEnv() });
  host = await startUiHost({ stateDir: join(dir, 'state') });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await host?.stop();
  await removeDir(dir);
});

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: host.origin });
    sockets.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Replies by id, for a client that reads. */
function replies(ws: WebSocket): Map<number, (r: Record<string, unknown>) => void> {
  const waiters = new Map<number, (r: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as Record<string, unknown>;
    if (typeof msg.id === 'number') waiters.get(msg.id)?.(msg);
  });
  return waiters;
}

function call(ws: WebSocket, waiters: ReturnType<typeof replies>, id: number, method: string, input: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    waiters.set(id, resolve);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const plan = () => ({ target: { uri }, column: 'id', indexType: 'BTREE', workers: 64 });

describe('a client that sends and never reads', () => {
  it("can't grow the host's memory with replies it doesn't take", async () => {
    const probe = await connect();
    const probeReplies = replies(probe);
    // The description is cached by the first call, so every later validateBuild is answered in
    // the host alone: a large reply (the plan of 10,000 fragments) for a 100-byte request.
    const first = await call(probe, probeReplies, 1, 'validateBuild', plan());
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true, output: { ok: true } });
    const replyBytes = JSON.stringify(first).length;
    const before = rssBytes(host.child.pid!);

    const flood = await connect();
    flood.pause(); // never reads a reply
    const sent = 4000;
    for (let i = 0; i < sent; i++) flood.send(JSON.stringify({ id: i, method: 'validateBuild', input: plan() }));
    // Each answered round trip of another client takes the host through its event loop, where
    // the flood's frames are read 64 KiB at a time: a few of them and every frame read is handled.
    for (let i = 0; i < 6; i++) await call(probe, probeReplies, 100 + i, 'validateBuild', plan());

    const grown = rssBytes(host.child.pid!) - before;
    expect(sent * replyBytes).toBeGreaterThan(200 << 20); // what an unbounded host would hold
    expect(grown).toBeLessThan(96 << 20);
  });
});

describe("a client's queue of queries", () => {
  it("doesn't hold up another client's query behind all of it", async () => {
    const a = await connect();
    const b = await connect();
    const bReplies = replies(b);
    let aAnswered = 0;
    const total = 150;
    const aDone = new Promise<void>((resolve) =>
      a.on('message', (data) => {
        if ('id' in JSON.parse(data.toString())) aAnswered++;
        if (aAnswered === total) resolve();
      }),
    );
    const query = { target: { uri }, filter: 'id % 7 = 3', limit: 5 };
    for (let i = 0; i < total; i++) a.send(JSON.stringify({ id: i, method: 'runQuery', input: query }));

    const mine = await call(b, bReplies, 1, 'runQuery', query);
    const aAnsweredWhenBWas = aAnswered;
    expect(mine).toMatchObject({ ok: true });
    expect(aAnsweredWhenBWas).toBeLessThan(40);
    await aDone; // and A's queries are all answered in the end: slowed down, never dropped
    expect(aAnswered).toBe(total);
  });
});
