// The app's own scheme, specula://app/: the built interface (dist/renderer, with its
// Content-Security-Policy) and, under /media/, only the files the library owns — thumbnail
// strips, preview and frame pictures, and clips' sources (streamed, with byte ranges for
// playback). Nothing else on disk can be named through it.
import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { contentType } from '../bridge/static-files.js';
import { byteRange } from '../media-files/byte-range.js';
import type { LibraryMedia } from '../media-files/library-media.js';

export const APP_SCHEME = 'specula';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** The page may load and connect only to the app itself: no remote code, no eval, no plugins. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

export function isAppPage(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

export function handleAppScheme(rendererDir: string, media: () => LibraryMedia | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return new Response(null, { status: 404 });
    const pathname = decodeURIComponent(url.pathname);
    if (pathname.startsWith('/media/')) return mediaResponse(media()?.resolve(pathname.slice('/media/'.length)) ?? null, request.headers.get('range'));
    const file = path.resolve(rendererDir, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(rendererDir + path.sep)) return new Response(null, { status: 404 });
    // fs, not net.fetch: in an installed app the interface is inside the asar archive.
    const body = await readFile(file).catch(() => null);
    if (!body) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(body), { headers: { 'content-type': contentType(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
  });
}

async function mediaResponse(answer: ReturnType<LibraryMedia['resolve']>, range: string | null): Promise<Response> {
  if (!answer) return new Response(null, { status: 404 });
  const headers: Record<string, string> = { 'content-type': answer.type, 'cache-control': 'no-cache', 'accept-ranges': 'bytes' };
  if (answer.kind === 'bytes') return new Response(new Uint8Array(answer.body), { headers });
  const size = (await stat(answer.file)).size;
  const part = byteRange(range, size);
  if (part === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  const { start, end } = part ?? { start: 0, end: size - 1 };
  const body = Readable.toWeb(createReadStream(answer.file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: part ? 206 : 200,
    headers: { ...headers, 'content-length': String(end - start + 1), ...(part ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}) },
  });
}
