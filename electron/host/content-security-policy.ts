/**
 * The window's Content-Security-Policy, for browser mode's HTTP header and Electron's session.
 * Scripts only from the app itself; no remote anything. Inline styles are allowed because
 * recharts and React set style attributes; inline scripts and eval are not.
 */
export function contentSecurityPolicy(opts: { websocket?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${opts.websocket ? ` ${opts.websocket}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
