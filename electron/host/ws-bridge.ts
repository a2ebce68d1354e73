/**
 * The API over a WebSocket: requests in, replies and events out, each frame checked against
 * shared/contract where it arrives. The renderer's ws client is the other end.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { BridgeRequestSchema, dispatchCall, type BridgeEvent, type BridgeReply } from '@shared/contract/bridge.js';
import type { StudioEventListener, StudioHandlers } from '@core/studio-service.js';

export interface BridgeTarget {
  handlers: StudioHandlers;
  subscribe: (listener: StudioEventListener) => () => void;
}

/** Requests are small (a build request, a query); anything bigger is not from our window. */
const MAX_REQUEST_BYTES = 1 << 20;

export function createWsBridge(target: BridgeTarget): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  wss.on('connection', (ws) => serve(ws, target));
  return wss;
}

function serve(ws: WebSocket, target: BridgeTarget): void {
  const send = (frame: BridgeReply | BridgeEvent) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = target.subscribe((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', async (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      raw = undefined;
    }
    const req = BridgeRequestSchema.safeParse(raw);
    if (!req.success) {
      // Not our protocol: nothing to reply to, so end the conversation.
      ws.close(1003, 'malformed request');
      return;
    }
    const r = await dispatchCall(target.handlers, req.data.method, req.data.input);
    send(r.ok ? { id: req.data.id, ok: true, output: r.output } : { id: req.data.id, ok: false, error: r.error });
  });
}
