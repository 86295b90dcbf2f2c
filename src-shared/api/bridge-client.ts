// The browser side of the bridge: `window.specula` over a WebSocket (the browser's, or the `ws`
// package's in Node tests). Calls wait for their reply by id; events go to every subscriber.
import { createApiClient, type ApiTransport, type CallReply } from './api-client.js';
import type { BridgeServerMessage } from './bridge-protocol.js';
import type { EventName, SpeculaApi } from './contract.js';

/** The part of a WebSocket this needs; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

export function connectBridgeApi(socket: SocketLike): SpeculaApi {
  let nextId = 1;
  const waiting = new Map<number, (reply: CallReply) => void>();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as BridgeServerMessage;
    if (message.type === 'event') for (const listener of listeners) listener(message.name, message.payload);
    else if (message.id !== null) {
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      resolve?.(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of waiting.values()) resolve({ ok: false, error: { code: 'internal', message: 'The connection to Specula closed; reload the page.' } });
    waiting.clear();
  });
  const transport: ApiTransport = {
    call: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, name, input }));
      }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return createApiClient(transport);
}
