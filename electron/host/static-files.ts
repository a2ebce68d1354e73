/** Serves the built renderer (out/renderer) read-only, never a file outside it. */
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The file under root that a URL path names, or undefined when it would leave root. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const abs = resolve(root, rel);
  const base = resolve(root);
  return abs === base || abs.startsWith(base + sep) ? abs : undefined;
}

/**
 * The file a URL path names, with links resolved, or undefined when it (or a link on its way)
 * leads out of root: a link dropped into the renderer folder must not publish what it points to.
 */
export async function containedFile(root: string, urlPath: string): Promise<string | undefined> {
  const file = fileFor(root, urlPath);
  if (!file) return undefined;
  const [realRoot, real] = await Promise.all([realpath(root), realpath(file).catch(() => undefined)]);
  return real && real.startsWith(realRoot + sep) ? real : undefined;
}

export async function sendFile(res: ServerResponse, root: string, urlPath: string, headers: Record<string, string>): Promise<void> {
  const file = await containedFile(root, urlPath);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end('Not found');
    return;
  }
  const type = contentType(file);
  // Hashed asset names never change content; the page itself must always be fresh.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, ...headers });
  res.end(await readFile(file));
}

export function rendererMissingPage(root: string): string {
  return `<!doctype html><meta charset="utf-8"><title>lance-index studio</title>
<body style="font:14px system-ui;margin:3rem;max-width:40rem">
<h1 style="font-size:18px">The window is not built yet</h1>
<p>No built renderer at <code>${join(root).replace(/</g, '&lt;')}</code>.</p>
<p>Run <code>npm run build</code> (or <code>bash scripts/setup.sh</code>), then start <code>lance-index ui</code> again.</p>`;
}
