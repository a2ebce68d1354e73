/**
 * The window's only door to the app: `window.lanceIndex`, one function per API method and an
 * `on` for events, generated from shared/contract. Replies and events are checked against their
 * schemas here, where they arrive; the renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API, API_EVENTS, type ApiEvent, type ApiEventPayload, type ApiInput, type ApiMethod, type ApiOutput, type LanceIndexApi } from '@shared/contract/api';
import { BridgeReplySchema, apiChannel, apiMethods, encodeCallError, eventChannel, isApiEvent, schemaProblem } from '@shared/contract/bridge';

function method<M extends ApiMethod>(m: M): (input: ApiInput<M>) => Promise<ApiOutput<M>> {
  return async (input) => {
    const reply = BridgeReplySchema.safeParse(await ipcRenderer.invoke(apiChannel(m), input));
    if (!reply.success) throw encodeCallError({ kind: 'internal', message: schemaProblem(reply.error, `${m} reply`) });
    if (!reply.data.ok) throw encodeCallError(reply.data.error);
    const out = API[m].output.safeParse(reply.data.output);
    if (!out.success) throw encodeCallError({ kind: 'internal', message: schemaProblem(out.error, `${m} reply`) });
    return out.data as ApiOutput<M>;
  };
}

function on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void {
  // Only the declared events: a page can't use `on` to listen to any other channel.
  if (!isApiEvent(event)) throw new Error(`Unknown event '${String(event)}'.`);
  const handler = (_e: IpcRendererEvent, payload: unknown) => {
    const parsed = API_EVENTS[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as ApiEventPayload<E>);
    else console.warn(schemaProblem(parsed.error, `${event} event dropped`));
  };
  ipcRenderer.on(eventChannel(event), handler);
  return () => {
    ipcRenderer.removeListener(eventChannel(event), handler);
  };
}

const lanceIndex = { ...apiMethods(method), on } satisfies LanceIndexApi;

contextBridge.exposeInMainWorld('lanceIndex', lanceIndex);
