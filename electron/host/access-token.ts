/**
 * Browser mode's credentials, both random and made per launch. The API token is put in the URL
 * it prints and opens the API; anything on this machine can reach 127.0.0.1, so the token is what
 * tells the person's own browser apart from another local process or a web page poking at
 * localhost. The page's scripts and styles are fetched without the URL's query, so they are
 * unlocked by a second secret in a cookie. Browsers send cookies for 127.0.0.1 to every port, so
 * any other local web server the person visits reads that cookie: it opens nothing but the
 * built renderer's files, never the API.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Named per port: two studios at once must not overwrite each other's cookie. */
export const assetCookieName = (port: number) => `lance_index_assets_${port}`;

export function makeToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * Refuses requests whose Host isn't this server (a DNS-rebinding page would send its own name)
 * and cross-origin WebSocket handshakes.
 */
export function trustedOrigin(req: IncomingMessage, port: number): boolean {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowed.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...allowed].some((h) => origin === `http://${h}`);
}
