/**
 * The window's page comes from app://studio/, not file://. A file:// page is one origin with
 * every file on the disk (its scripts may fetch any file:// URL), and the session's webRequest
 * hooks, which add the CSP to file:// and http responses, never see a custom protocol's; so the
 * handler below sets the CSP itself and serves only files inside the built renderer, links
 * resolved (host/static-files.ts).
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../host/content-security-policy.js';
import { containedFile, contentType } from '../host/static-files.js';

export const APP_ORIGIN = 'app://studio';

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and the CSP. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  const headers = {
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  };
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.origin === APP_ORIGIN ? await containedFile(rendererDir, url.pathname) : undefined;
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain' } });
    return new Response(body, { headers: { ...headers, 'content-type': contentType(file) } });
  });
}
