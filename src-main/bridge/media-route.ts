// Sends a media answer over HTTP: bytes as they are, files streamed from disk (never read into
// this process whole), with byte ranges so a <video> can seek in a clip's source.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { byteRange } from '../media-files/byte-range.js';
import type { MediaAnswer } from '../media-files/library-media.js';

export async function sendMedia(request: IncomingMessage, response: ServerResponse, answer: MediaAnswer): Promise<void> {
  const headers = { 'content-type': answer.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'accept-ranges': 'bytes' };
  if (answer.kind === 'bytes') return void response.writeHead(200, headers).end(answer.body);
  const size = (await stat(answer.file)).size;
  const range = byteRange(request.headers.range, size);
  if (range === 'unsatisfiable') return void response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
  const { start, end } = range ?? { start: 0, end: size - 1 };
  response.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(end - start + 1), ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}) });
  if (request.method === 'HEAD' || size === 0) return void response.end();
  const stream = createReadStream(answer.file, { start, end });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
