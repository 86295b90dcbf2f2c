// The one module that touches window.specula. In the desktop app the preload provides it; in a
// browser, `specula serve` does over a WebSocket, with the token from the page's address. Either
// way the rest of the interface gets the same typed API, errors as ApiError with their code, and
// the address of each media reference (thumbnails, previews, frames, a clip's source).
import { ApiError, apiErrorFromBridge } from '../../src-shared/api/api-error.js';
import { connectBridgeApi } from '../../src-shared/api/bridge-client.js';
import { BRIDGE_PATH } from '../../src-shared/api/bridge-protocol.js';
import { CALL_NAMES, type SpeculaApi } from '../../src-shared/api/contract.js';

export interface Connection {
  api: SpeculaApi;
  /** Where the page can load a media reference from. */
  mediaUrl(ref: string): string;
  /** In the desktop app, or in a browser through `specula serve`. */
  shell: 'app' | 'browser';
}

export async function connect(): Promise<Connection> {
  const exposed = (window as unknown as { specula?: SpeculaApi }).specula;
  // The app's page and its media share one origin (the app protocol), so plain paths work.
  if (exposed) return { api: withTypedErrors(exposed), mediaUrl: (ref) => `/media/${ref}`, shell: 'app' };
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const socket = new WebSocket(`ws://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('Specula did not accept this page: open the address `specula serve` printed, with its token.')), { once: true });
  });
  return { api: connectBridgeApi(socket), mediaUrl: (ref) => `/media/${ref}?token=${encodeURIComponent(token)}`, shell: 'browser' };
}

/** contextBridge keeps only an error's message; the preload puts the code in front of it. */
function withTypedErrors(api: SpeculaApi): SpeculaApi {
  const wrapped: Record<string, unknown> = { ...api };
  for (const name of CALL_NAMES) {
    const call = api[name] as (input?: unknown) => Promise<unknown>;
    wrapped[name] = (input?: unknown) =>
      call(input).catch((error: unknown) => {
        throw error instanceof ApiError ? error : apiErrorFromBridge(error);
      });
  }
  return wrapped as SpeculaApi;
}

/** The sentence to show for a failed call. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
