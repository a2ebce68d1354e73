/**
 * The renderer's one handle on the app: Electron's preload when present, else browser mode's
 * WebSocket to the host that served this page (its token is in the page's URL). Either way,
 * errors come out as ApiCallError with a kind and, where known, the form field.
 *
 * Importing this module connects nothing: `connectApi()` (called by startStores in
 * app/start-stores.ts) does. `api` is a facade over that connection, not the connection itself,
 * so modules can hold it from import time while the app, or a test, decides when (and to what)
 * to connect. An explicit connect was chosen over "connect on first use" because the first use
 * would otherwise be whichever store happened to subscribe first, and a stop could not close it.
 */
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiOutput, LanceIndexApi } from '@shared/contract/api';
import { ApiCallError, apiMethods, decodeCallError } from '@shared/contract/bridge';
import { createWsApi, type ConnectionState } from './ws-client';

declare global {
  interface Window {
    /** Set by electron/preload in the Electron window; absent in browser mode. */
    lanceIndex?: LanceIndexApi;
  }
}

export const bridgeMode: 'electron' | 'browser' = typeof window !== 'undefined' && window.lanceIndex ? 'electron' : 'browser';

type StateListener = (s: ConnectionState, detail?: string) => void;
const stateListeners = new Set<StateListener>();
const initialState = (): { state: ConnectionState; detail?: string } => ({ state: bridgeMode === 'electron' ? 'open' : 'connecting' });
let connection = initialState();

/** Follows the connection's state; the listener hears the current one at once. */
export function onConnectionState(l: StateListener): () => void {
  stateListeners.add(l);
  l(connection.state, connection.detail);
  return () => {
    stateListeners.delete(l);
  };
}

function setConnection(state: ConnectionState, detail?: string): void {
  connection = { state, detail };
  for (const l of stateListeners) l(state, detail);
}

function wsUrl(): string {
  const params = new URLSearchParams(location.search);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/api?token=${encodeURIComponent(params.get('token') ?? '')}`;
}

/** The live connection, between connectApi() and its disconnect. */
let inner: LanceIndexApi | null = null;

function connected(): LanceIndexApi {
  if (inner) return inner;
  // A programming error, said plainly: something ran before main.tsx's startStores().
  throw new ApiCallError({ kind: 'internal', message: 'The window used the API before connecting to it: call connectApi() (startStores does) first.' });
}

/**
 * Opens the connection (browser mode's WebSocket; Electron's preload needs no opening) and
 * returns its close. Twice without closing is refused: two sockets would deliver every event twice.
 */
export function connectApi(): () => void {
  if (inner) throw new Error('connectApi(): the API is already connected.');
  if (window.lanceIndex) {
    inner = window.lanceIndex;
    return () => {
      inner = null;
    };
  }
  // A closed socket's late 'close' must not mark a newer connection lost.
  let live = true;
  const ws = createWsApi(wsUrl(), (state, detail) => {
    if (live) setConnection(state, detail);
  });
  inner = ws.api;
  return () => {
    live = false;
    inner = null;
    connection = initialState();
    ws.close();
  };
}

function forward<M extends ApiMethod>(m: M): (input: ApiInput<M>) => Promise<ApiOutput<M>> {
  return async (input) => {
    try {
      // TypeScript can't tie `m` to its own signature in the mapped type; the API table does.
      const method = connected()[m] as (input: unknown) => Promise<unknown>;
      return (await method(input)) as ApiOutput<M>;
    } catch (err) {
      throw decodeCallError(err);
    }
  };
}

/** Every method and `on`, forwarded to the live connection; errors decoded (see decodeCallError). */
export const api: LanceIndexApi = {
  ...apiMethods(forward),
  on: <E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): (() => void) => connected().on(event, listener),
};

/** Values the page was opened with: `?dataset=` from `lance-index ui --dataset` or Electron's argv. */
export function launchDataset(): string | undefined {
  return new URLSearchParams(location.search).get('dataset') ?? undefined;
}
