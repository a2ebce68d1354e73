/**
 * The frames that carry the API across a bridge: Electron IPC replies and browser mode's
 * WebSocket. Errors travel as data (ApiError), so a window shows a message, never a stack.
 */
import * as z from 'zod';
import { ApiErrorSchema, API, API_EVENTS, type ApiError, type ApiEvent, type ApiInput, type ApiMethod, type ApiOutput } from './api.js';

export const BridgeRequestSchema = z.object({ id: z.number().int().nonnegative(), method: z.string(), input: z.unknown() });
export type BridgeRequest = z.infer<typeof BridgeRequestSchema>;

export const BridgeReplySchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: ApiErrorSchema }),
]);
export type BridgeReply = z.infer<typeof BridgeReplySchema>;

export const BridgeEventSchema = z.object({ event: z.string(), payload: z.unknown() });
export type BridgeEvent = z.infer<typeof BridgeEventSchema>;

export const API_METHODS = Object.keys(API) as ApiMethod[];
export const API_EVENT_NAMES = Object.keys(API_EVENTS) as ApiEvent[];

/** One function per API method, made by `make`: the bridges list no methods by hand. */
export function apiMethods(make: <M extends ApiMethod>(m: M) => (input: ApiInput<M>) => Promise<ApiOutput<M>>): {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
} {
  return Object.fromEntries(API_METHODS.map((m) => [m, make(m)])) as { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API, name);
}
export function isApiEvent(name: string): name is ApiEvent {
  return Object.prototype.hasOwnProperty.call(API_EVENTS, name);
}

/** Turns a zod failure into one readable line naming the bad path. */
export function schemaProblem(error: z.ZodError, what: string): string {
  const first = error.issues[0];
  const path = first?.path.length ? first.path.join('.') : 'input';
  return `${what}: ${path}: ${first?.message ?? 'invalid'}`;
}

/** An error as the other side of the bridge will see it. */
export function toApiError(err: unknown): ApiError {
  const e = err as { kind?: unknown; message?: unknown; field?: unknown };
  return {
    kind: typeof e?.kind === 'string' ? e.kind : 'internal',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.field === 'string' ? { field: e.field } : {}),
  };
}

/** Thrown on the window's side of the bridge; carries the kind and field for the form. */
export class ApiCallError extends Error {
  readonly kind: string;
  readonly field: string | undefined;
  constructor(e: ApiError) {
    super(e.message);
    this.name = 'ApiCallError';
    this.kind = e.kind;
    this.field = e.field;
  }
}

type AnyHandlers = { [M in ApiMethod]: (input: never) => Promise<unknown> };

/**
 * One call arriving over a bridge: the method must exist and its input must match its schema
 * before the handler sees it. Used by Electron's ipc handlers and browser mode's WebSocket alike.
 */
export async function dispatchCall(
  handlers: AnyHandlers,
  method: string,
  rawInput: unknown,
): Promise<{ ok: true; output: unknown } | { ok: false; error: ApiError }> {
  if (!isApiMethod(method)) return { ok: false, error: { kind: 'input', message: `Unknown method '${method}'.` } };
  const parsed = API[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: { kind: 'input', message: schemaProblem(parsed.error, method) } };
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, output: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

/** Electron IPC channel names, derived so main and preload can't drift apart. */
export const apiChannel = (method: ApiMethod) => `lance-index:api:${method}`;
export const eventChannel = (event: ApiEvent) => `lance-index:event:${event}`;

/**
 * Electron's contextBridge keeps only an Error's message, so an ApiError rides inside it and is
 * unpacked on the window's side (decodeCallError).
 */
const ERROR_MARK = '\u2063api-error:';
export function encodeCallError(e: ApiError): Error {
  return new Error(ERROR_MARK + JSON.stringify(e));
}
export function decodeCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const at = message.indexOf(ERROR_MARK);
  if (at >= 0) {
    const parsed = ApiErrorSchema.safeParse(safeJson(message.slice(at + ERROR_MARK.length)));
    if (parsed.success) return new ApiCallError(parsed.data);
  }
  return new ApiCallError({ kind: 'internal', message });
}
function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
