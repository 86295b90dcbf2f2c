// Builds the `window.specula` object over any transport that can send a call and deliver events:
// the WebSocket bridge in a browser, an in-process router in the CLI and tests. (The Electron
// preload builds the same shape over ipcRenderer.)
import { ApiError, type ApiErrorBody } from './api-error.js';
import { CALL_NAMES, EVENT_NAMES, eventMethodName, type CallName, type EventName, type SpeculaApi } from './contract.js';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface ApiTransport {
  call(name: CallName, input: unknown): Promise<CallReply>;
  /** Delivers every event; returns the unsubscribe. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createApiClient(transport: ApiTransport): SpeculaApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (input: unknown = {}) => {
      const reply = await transport.call(name, input);
      if (reply.ok) return reply.result;
      throw new ApiError(reply.error.code, reply.error.message, reply.error.issues);
    };
  }
  for (const event of EVENT_NAMES) {
    api[eventMethodName(event)] = (listener: (payload: unknown) => void) => transport.subscribe((name, payload) => name === event && listener(payload));
  }
  return api as SpeculaApi;
}
