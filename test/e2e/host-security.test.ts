/**
 * Browser mode's walls: 127.0.0.1 only, and nothing without this launch's token. HTTP without
 * it is 403; the WebSocket handshake without it (or from another origin) is refused before it
 * upgrades; frames that don't match the contract get an error, never reach the core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startUiHost, type Host } from './support/host';

let dir: string;
let host: Host;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lance-index-host-'));
  host = await startUiHost({ stateDir: join(dir, 'state') });
});
afterAll(async () => {
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves the handshake's outcome: 'open', or the HTTP status it was refused with. */
function handshake(url: string, origin?: string): Promise<{ ws?: WebSocket; refused?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode });
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('id' in msg) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(frame));
  });
}

describe('browser-mode host security', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses HTTP without the token, or with a wrong one, with 403', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/index.html')).status).toBe(403);
    expect((await get(`/?token=${host.token.slice(0, -1)}x`)).status).toBe(403);
    expect((await get('/', { cookie: `lance_index_assets_${host.port}=guess` })).status).toBe(403);
  });

  it('serves the page with the token and hands it an HttpOnly, SameSite=Strict cookie for its assets only', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    expect((await get(`/${asset}`)).status).toBe(403);
    const pair = cookie.split(';')[0]!;
    expect(pair).not.toContain(host.token); // the API token stays in the URL (see test/security)
    expect((await get(`/${asset}`, { cookie: pair })).status).toBe(200);
  });

  it('refuses a request that names another host (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('refuses paths that leave the built renderer', async () => {
    const r = await get(`/..%2f..%2fpackage.json?token=${host.token}`);
    expect(r.status).toBe(404);
  });

  it('refuses the WebSocket handshake without the token, with a wrong one, or from another origin', async () => {
    const ws = `ws://127.0.0.1:${host.port}/api`;
    expect((await handshake(ws)).refused).toBe(403);
    expect((await handshake(`${ws}?token=nope`)).refused).toBe(403);
    expect((await handshake(`${ws}?token=${host.token}`, 'http://evil.example')).refused).toBe(403);
    expect((await handshake(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).refused).toBe(403);
  });

  it('with the token, answers calls and refuses what the contract does not allow', async () => {
    const { ws } = await handshake(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, host.origin);
    expect(ws).toBeDefined();
    const ok = await call(ws!, { id: 1, method: 'recentDatasets', input: {} });
    expect(ok).toMatchObject({ id: 1, ok: true, output: [] });

    const unknown = await call(ws!, { id: 2, method: 'deleteEverything', input: {} });
    expect(unknown).toMatchObject({ id: 2, ok: false, error: { kind: 'input', message: "Unknown method 'deleteEverything'." } });

    const bad = await call(ws!, { id: 3, method: 'previewRows', input: { target: { uri: '/x' }, offset: -5, limit: 10 } });
    expect(bad).toMatchObject({ id: 3, ok: false, error: { kind: 'input' } });
    expect(String((bad.error as { message: string }).message)).toContain('previewRows: offset');

    // Not the protocol at all: the host ends the conversation.
    const closed = new Promise<number>((r) => ws!.on('close', (code) => r(code)));
    ws!.send('hello');
    expect(await closed).toBe(1003);
  });
});
