/**
 * The window's walls: no navigation away from the app, no new windows, no webviews, no
 * permissions, no remote requests, and a strict CSP on everything the session loads.
 */
import { app, session } from 'electron';
import { contentSecurityPolicy } from '../host/content-security-policy.js';
import { DEV_SERVER_URL, isAppResource } from './app-paths.js';

export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // A single-page app never navigates; a dropped file or a stray link must not replace it.
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}

/** Needs the app ready (sessions exist only then). */
export function setupSessionSecurity(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppResource(details.url) }));
  // The dev server needs its HMR socket; the built app needs no connection at all.
  const csp = contentSecurityPolicy(DEV_SERVER_URL ? { websocket: new URL(DEV_SERVER_URL).origin.replace(/^http/, 'ws') } : {});
  s.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }));
}
