/**
 * Issue 9, item 2: browser mode's API token never leaves the page's URL. Browsers send cookies
 * for 127.0.0.1 to every port, so another local web server the person visits reads whatever
 * cookie the studio set; here a real Chromium visits the studio, then such a server, which
 * tries what it received against the studio's API. Static files must not reach out of the
 * renderer folder through links, nor be usable by another origin's page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../e2e/support/browser.js';
import { ROOT, startUiHost, type Host } from '../e2e/support/host.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let dir: string;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  dir = await makeTempDir('token-cookie');
  host = await startUiHost({ stateDir: join(dir, 'state') });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await removeDir(dir);
});

/** Another local web server: it keeps the Cookie header of every request it gets. */
async function otherLocalServer(page: (studio: string) => string): Promise<{ url: string; cookies: string[]; close: () => Promise<void> }> {
  const cookies: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.headers.cookie) cookies.push(req.headers.cookie);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(host.origin));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, cookies, close: () => new Promise((r) => server.close(() => r())) };
}

/** 'open' when the studio's API accepted the handshake, else the HTTP status it refused with. */
function tryApi(query: string, cookie?: string): Promise<string | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers: cookie ? { cookie } : {}, origin: host.origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode!);
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

function get(path: string, port = host.port): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the cookie browser mode gives its page', () => {
  it('reaches other local servers, but carries nothing that opens the API', async () => {
    const page = await openPage(browser, host.url);
    await page.getByText('Open a dataset').first().waitFor();
    const other = await otherLocalServer(() => '<!doctype html><title>elsewhere</title>');
    await page.goto(other.url);
    await other.close();
    await page.context().close();

    expect(other.cookies.length).toBeGreaterThan(0); // the browser did hand it the studio's cookie
    const leaked = other.cookies.join('; ');
    expect(leaked).not.toContain(host.token);
    for (const pair of leaked.split(';')) {
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      expect(await tryApi(`?token=${encodeURIComponent(value)}`)).toBe(403);
    }
    expect(await tryApi('', leaked)).toBe(403);
    expect(await tryApi(`?token=${host.token}`)).toBe('open'); // the URL's token still works
  });
});

describe("the studio's files", () => {
  it('are not usable by a page of another origin, even one the browser sends the cookie to', async () => {
    const html = (await get(`/?token=${host.token}`)).body;
    const css = /href="\.\/(assets\/[^"]+\.css)"/.exec(html)![1]!;
    const page = await openPage(browser, host.url);
    await page.getByText('Open a dataset').first().waitFor();
    const other = await otherLocalServer(
      (studio) =>
        `<!doctype html><title>waiting</title><link rel="stylesheet" href="${studio}/${css}" onload="document.title='loaded'" onerror="document.title='blocked'">`,
    );
    await page.goto(other.url);
    await page.waitForFunction(() => document.title !== 'waiting');
    const outcome = await page.title();
    await other.close();
    await page.context().close();
    expect(outcome).toBe('blocked');
    expect((await get(`/${css}?token=${host.token}`)).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('never include a file that a link in the renderer folder points to', async () => {
    const renderer = await mkdtemp(join(dir, 'renderer-'));
    await cp(join(ROOT, 'out', 'renderer'), renderer, { recursive: true });
    const secret = join(dir, 'ssh-key');
    await writeFile(secret, 'PRIVATE KEY');
    await symlink(secret, join(renderer, 'assets', 'leak.css'));
    const linked = await startUiHost({ stateDir: join(dir, 'state2'), env: { LANCE_INDEX_RENDERER_DIR: renderer } });
    try {
      const r = await get(`/assets/leak.css?token=${linked.token}`, linked.port);
      expect(r.body).not.toContain('PRIVATE KEY');
      expect(r.status).toBe(404);
      expect(await readFile(secret, 'utf8')).toBe('PRIVATE KEY');
    } finally {
      await linked.stop();
    }
  });
});
