/**
 * Browser mode: the built renderer over HTTP and the API over a WebSocket, on 127.0.0.1 only,
 * behind a per-launch token. Without the token every request is refused: HTTP with 403, the
 * WebSocket handshake with 403 before it is upgraded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { assetCookieName, cookieValue, makeToken, sameToken, trustedOrigin } from './access-token.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { rendererMissingPage, sendFile } from './static-files.js';
import { createWsBridge, type BridgeTarget } from './ws-bridge.js';

export interface HostOptions extends BridgeTarget {
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';
const HOST = '127.0.0.1';

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? makeToken();
  const assetSecret = makeToken();
  const wss = createWsBridge(opts);
  let port = 0;
  const headers = () => ({
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The token is in the page's URL; never hand it to anyone in a Referer.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    // The asset cookie goes along with requests from other local origins' pages; this keeps
    // their pages from using (running, styling with, reading) anything served here.
    'cross-origin-resource-policy': 'same-origin',
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const viaQuery = sameToken(url.searchParams.get('token'), token);
    if (!trustedOrigin(req, port) || !(viaQuery || sameToken(cookieValue(req, assetCookieName(port)), assetSecret))) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...headers() });
      res.end("Forbidden: open the URL that `lance-index ui` printed (it carries this launch's token).");
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...headers() });
      res.end();
      return;
    }
    // The page's own requests (scripts, styles) carry no query, so the page gets a cookie for
    // them (HttpOnly: no script reads it). It holds the asset secret, never the API token: this
    // HTTP server serves only the built renderer, and the API's handshake ignores cookies.
    const extra: Record<string, string> = viaQuery ? { 'set-cookie': `${assetCookieName(port)}=${assetSecret}; Path=/; HttpOnly; SameSite=Strict` } : {};
    if (!existsSync(join(opts.rendererDir, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', ...headers() });
      res.end(rendererMissingPage(opts.rendererDir));
      return;
    }
    void sendFile(res, opts.rendererDir, url.pathname, { ...headers(), ...extra }).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname !== API_PATH || !trustedOrigin(req, port) || !sameToken(url.searchParams.get('token'), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
