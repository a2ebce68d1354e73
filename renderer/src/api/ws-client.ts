/**
 * Browser mode's `window.lanceIndex`: the same API over the host's WebSocket. Replies and events
 * are validated against shared/contract where they arrive, exactly as Electron's preload does.
 */
import { API, API_EVENTS, type ApiEvent, type ApiEventPayload, type ApiInput, type ApiMethod, type ApiOutput, type LanceIndexApi } from '@shared/contract/api';
import { ApiCallError, BridgeEventSchema, BridgeReplySchema, apiMethods, isApiEvent, schemaProblem, type BridgeRequest } from '@shared/contract/bridge';

export type ConnectionState = 'connecting' | 'open' | 'lost';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** The API over one socket, and that socket's close (startStores' stop; a test's clean-up). */
export interface WsApi {
  api: LanceIndexApi;
  close(): void;
}

export function createWsApi(url: string, onState: (s: ConnectionState, detail?: string) => void): WsApi {
  const pending = new Map<number, Pending>();
  const listeners = new Map<ApiEvent, Set<(p: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let lost: string | undefined;

  const ws = new WebSocket(url);
  onState('connecting');
  ws.addEventListener('open', () => {
    onState('open');
    for (const frame of queue.splice(0)) ws.send(frame);
  });
  ws.addEventListener('close', (e) => {
    lost = e.code === 1006 || !e.reason ? 'The connection to the lance-index host was lost.' : e.reason;
    onState('lost', lost);
    for (const p of pending.values()) p.reject(new ApiCallError({ kind: 'engine', message: lost }));
    pending.clear();
  });
  ws.addEventListener('message', (m) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(m.data));
    } catch {
      return;
    }
    const reply = BridgeReplySchema.safeParse(raw);
    if (reply.success) {
      const p = pending.get(reply.data.id);
      pending.delete(reply.data.id);
      if (!p) return;
      if (reply.data.ok) p.resolve(reply.data.output);
      else p.reject(new ApiCallError(reply.data.error));
      return;
    }
    const ev = BridgeEventSchema.safeParse(raw);
    if (!ev.success || !isApiEvent(ev.data.event)) return;
    const payload = API_EVENTS[ev.data.event].safeParse(ev.data.payload);
    if (!payload.success) {
      console.warn(schemaProblem(payload.error, `${ev.data.event} event dropped`));
      return;
    }
    for (const l of listeners.get(ev.data.event) ?? []) l(payload.data);
  });

  function call<M extends ApiMethod>(m: M): (input: ApiInput<M>) => Promise<ApiOutput<M>> {
    return async (input) => {
      if (lost) throw new ApiCallError({ kind: 'engine', message: lost });
      const id = nextId++;
      const frame = JSON.stringify({ id, method: m, input } satisfies BridgeRequest);
      const output = await new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
      });
      const parsed = API[m].output.safeParse(output);
      if (!parsed.success) throw new ApiCallError({ kind: 'internal', message: schemaProblem(parsed.error, `${m} reply`) });
      return parsed.data as ApiOutput<M>;
    };
  }

  const api = {
    ...apiMethods(call),
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  } satisfies LanceIndexApi;
  return {
    api,
    close: () => {
      listeners.clear();
      ws.close();
    },
  };
}
