/**
 * The API over a WebSocket: requests in, replies and events out, each frame checked against
 * shared/contract where it arrives. The renderer's ws client is the other end.
 *
 * One connection can't take the host or the engine for itself: it has at most MAX_IN_FLIGHT
 * requests being handled or waiting for their reply to reach the socket; past that the host
 * stops reading from it (TCP pushes back on the client), so a client that sends faster than it
 * reads costs a bounded amount of memory, and its queue in the shared worker pool stays short,
 * so another window's Explore is answered after a few of its calls, not after all of them.
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BridgeRequestSchema, dispatchCall, type BridgeEvent, type BridgeReply } from '@shared/contract/bridge.js';
import type { StudioEventListener, StudioHandlers } from '@core/studio-service.js';

export interface BridgeTarget {
  handlers: StudioHandlers;
  subscribe: (listener: StudioEventListener) => () => void;
}

/** Requests are small (a build request, a query); anything bigger is not from our window. */
const MAX_REQUEST_BYTES = 1 << 20;
/** The window sends a handful at once (describe, rows, query, validation); 8 leaves it room. */
const MAX_IN_FLIGHT = 8;
/** Output the client hasn't taken (events too, which aren't requested): past this it isn't reading. */
const MAX_UNREAD_BYTES = 64 << 20;

export function createWsBridge(target: BridgeTarget): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  wss.on('connection', (ws) => serve(ws, target));
  return wss;
}

function serve(ws: WebSocket, target: BridgeTarget): void {
  let inFlight = 0;
  // Frames ws had already read when the limit was reached (pause stops the socket, not them).
  const waiting: Array<{ data: RawData; isBinary: boolean }> = [];

  const send = (frame: BridgeReply | BridgeEvent, written: () => void = () => undefined) => {
    if (ws.readyState !== ws.OPEN) return written();
    ws.send(JSON.stringify(frame), () => written());
    if (ws.bufferedAmount > MAX_UNREAD_BYTES) ws.terminate();
  };

  const pump = () => {
    while (inFlight < MAX_IN_FLIGHT && waiting.length) {
      const next = waiting.shift()!;
      inFlight++;
      void handle(next.data, next.isBinary).then((reply) => {
        // The slot is freed once the reply is in the socket, not merely produced: a client
        // that doesn't read keeps its replies, and so its slots, until it does.
        if (reply) send(reply, () => (inFlight--, pump()));
        else inFlight--;
      });
    }
    if (inFlight >= MAX_IN_FLIGHT) ws.pause();
    else ws.resume();
  };

  const handle = async (data: RawData, isBinary: boolean): Promise<BridgeReply | undefined> => {
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
      return undefined;
    }
    const r = await dispatchCall(target.handlers, req.data.method, req.data.input);
    return r.ok ? { id: req.data.id, ok: true, output: r.output } : { id: req.data.id, ok: false, error: r.error };
  };

  const unsubscribe = target.subscribe((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data, isBinary) => {
    waiting.push({ data, isBinary });
    pump();
  });
}
