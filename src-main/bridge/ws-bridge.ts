// The browser's way in (`specula serve`): one HTTP server on 127.0.0.1 that serves the built
// renderer, thumbnails and the library's media (previews, frames, clips) and carries the API over a WebSocket. Every API connection and every
// thumbnail and media file must present the token printed at start-up; requests naming another host (DNS
// rebinding) or coming from another origin are refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, BridgeCallSchema, type BridgeServerMessage } from '../../src-shared/api/bridge-protocol.js';
import type { ApiRouter, CallContext } from '../api/router.js';
import type { MediaAnswer } from '../media-files/library-media.js';
import { sendMedia } from './media-route.js';
import { serveStatic } from './static-files.js';

export interface BridgeOptions {
  router: ApiRouter;
  context: CallContext;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer. */
  staticDir: string;
  thumbnail(clipId: number): Buffer | null;
  /** The library's pictures and clips by media reference (`/media/<ref>`); absent, none are served. */
  media?: (ref: string) => MediaAnswer | null;
  token?: string;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MEDIA_PATH = '/media/';
/** Biggest message a client may send: calls are small. */
const MAX_MESSAGE_BYTES = 4 * 2 ** 20;

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const tokenOk = (given: string | null): boolean => given !== null && Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected);
  let port = 0;
  const hostOk = (request: IncomingMessage): boolean => [`${HOST}:${port}`, `localhost:${port}`].includes(request.headers.host ?? '');
  const originOk = (request: IncomingMessage): boolean => request.headers.origin === undefined || [`http://${HOST}:${port}`, `http://localhost:${port}`].includes(request.headers.origin);

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    if (!hostOk(request)) return void response.writeHead(421).end();
    if (request.method !== 'GET') return void response.writeHead(405).end();
    const thumbnail = /^\/thumbnails\/(\d+)\.jpg$/.exec(url.pathname);
    if (thumbnail) {
      if (!tokenOk(url.searchParams.get('token'))) return void response.writeHead(401).end();
      const image = options.thumbnail(Number(thumbnail[1]));
      if (!image) return void response.writeHead(404).end();
      return void response.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-cache' }).end(image);
    }
    if (url.pathname.startsWith(MEDIA_PATH)) {
      if (!tokenOk(url.searchParams.get('token'))) return void response.writeHead(401).end();
      const answer = options.media?.(decodeURIComponent(url.pathname.slice(MEDIA_PATH.length))) ?? null;
      if (!answer) return void response.writeHead(404).end();
      return void sendMedia(request, response, answer).catch(() => response.headersSent || response.writeHead(404).end());
    }
    const csp = `default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`;
    void serveStatic(options.staticDir, url.pathname, response, { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    const refuse = (status: string): void => void socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (url.pathname !== BRIDGE_PATH || !hostOk(request)) return refuse('404 Not Found');
    if (!tokenOk(url.searchParams.get('token')) || !originOk(request)) return refuse('401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function connect(ws: WebSocket, options: BridgeOptions): void {
  const send = (message: BridgeServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = options.router.subscribe((name, payload) => send({ type: 'event', name, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      raw = undefined;
    }
    const call = BridgeCallSchema.safeParse(raw);
    if (!call.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
      send({ type: 'reply', id, ok: false, error: { code: 'invalid-input', message: 'The message is not a call: send {"type":"call","id":N,"name":"…","input":{…}} as JSON text.' } });
      return;
    }
    void options.router.call(call.data.name, call.data.input, options.context).then((reply) => send({ type: 'reply', id: call.data.id, ...reply }));
  });
}
