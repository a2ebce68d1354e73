/**
 * The renderer's one handle on the app: Electron's preload when present, else browser mode's
 * WebSocket to the host that served this page (its token is in the page's URL). Either way,
 * errors come out as ApiCallError with a kind and, where known, the form field.
 */
import type { ApiEvent, ApiEventPayload, ApiMethod, LanceIndexApi } from '@shared/contract/api';
import { decodeCallError } from '@shared/contract/bridge';
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
let connection: { state: ConnectionState; detail?: string } = { state: bridgeMode === 'electron' ? 'open' : 'connecting' };

export function onConnectionState(l: StateListener): () => void {
  stateListeners.add(l);
  l(connection.state, connection.detail);
  return () => stateListeners.delete(l);
}

function wsUrl(): string {
  const params = new URLSearchParams(location.search);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/api?token=${encodeURIComponent(params.get('token') ?? '')}`;
}

function raw(): LanceIndexApi {
  if (window.lanceIndex) return window.lanceIndex;
  return createWsApi(wsUrl(), (state, detail) => {
    connection = { state, detail };
    for (const l of stateListeners) l(state, detail);
  });
}

function withDecodedErrors(inner: LanceIndexApi): LanceIndexApi {
  const out: Record<string, unknown> = {
    on: <E extends ApiEvent>(e: E, l: (p: ApiEventPayload<E>) => void) => inner.on(e, l),
  };
  for (const key of Object.keys(inner) as Array<ApiMethod | 'on'>) {
    if (key === 'on') continue;
    const fn = inner[key] as (i: unknown) => Promise<unknown>;
    out[key] = (input: unknown) => fn(input).catch((err: unknown) => Promise.reject(decodeCallError(err)));
  }
  return out as LanceIndexApi;
}

export const api: LanceIndexApi = withDecodedErrors(raw());

/** Values the page was opened with: `?dataset=` from `lance-index ui --dataset` or Electron's argv. */
export function launchDataset(): string | undefined {
  return new URLSearchParams(location.search).get('dataset') ?? undefined;
}
