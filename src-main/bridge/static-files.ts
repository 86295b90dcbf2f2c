// Serves the built renderer (dist/renderer) to the browser: files inside that folder only.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Specula</title>
<p>The Specula interface is not built yet: run <code>npm run build</code>, then reload. The API is up.</p>`;

export async function serveStatic(root: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { ...headers, 'content-type': contentType(file) }).end(body);
  } catch {
    if (relative === '/index.html') response.writeHead(200, { ...headers, 'content-type': TYPES['.html']! }).end(NOT_BUILT);
    else response.writeHead(404).end();
  }
}
