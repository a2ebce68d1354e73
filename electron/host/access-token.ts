/**
 * Browser mode's only credential: a random token made per launch and put in the URL it prints.
 * Anything on this machine can reach 127.0.0.1, so the token is what tells the person's own
 * browser apart from another local process or a web page poking at localhost.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'lance_index_token';

export function makeToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
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
