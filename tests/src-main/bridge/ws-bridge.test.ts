// The browser's way in: the same calls and events over the WebSocket bridge, and its locks: no
// token, a wrong token, another origin or another host name get nothing; thumbnails need the
// token too.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectBridgeApi } from '../../../src-shared/api/bridge-client.js';
import { CALL_NAMES, EVENT_NAMES } from '../../../src-shared/api/contract.js';
import { PathGrants } from '../../../src-main/api/path-grants.js';
import { startBridge, type Bridge } from '../../../src-main/bridge/ws-bridge.js';
import { LibraryMedia } from '../../../src-main/media-files/library-media.js';
import { exerciseEveryCall } from '../../helpers/api-scenario.js';
import { clipFolder, openTestLibrary, type TestLibrary } from '../../helpers/library.js';
import { tempDir } from '../../helpers/project.js';

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

function reply(socket: WebSocket, message: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(message);
  });
}

describe('WebSocket bridge', () => {
  let dir: string;
  let library: TestLibrary;
  let bridge: Bridge;
  let api: string;
  before(async () => {
    dir = tempDir('specula-bridge-');
    clipFolder(path.join(dir, 'mine'));
    library = await openTestLibrary(dir);
    library.services.startWork();
    const staticDir = path.join(dir, 'renderer');
    const media = new LibraryMedia(library.services.library, library.services.previews.root);
    bridge = await startBridge({
      router: library.router,
      context: { grants: PathGrants.within([path.join(dir, 'mine')]) },
      port: 0,
      staticDir,
      thumbnail: (clipId) => library.services.library.thumbnails.image(clipId),
      media: (ref) => media.resolve(ref),
    });
    api = `ws://127.0.0.1:${bridge.port}/api`;
  });
  after(async () => {
    await bridge.close();
    await library.close();
  });

  it('answers every call and sends every event to a browser client', async () => {
    const socket = await open(`${api}?token=${bridge.token}`);
    try {
      const seen = await exerciseEveryCall(connectBridgeApi(socket), { clips: path.join(dir, 'mine', 'clips'), out: path.join(dir, 'mine', 'exports'), outside: tempDir('specula-elsewhere-'), packSource: path.join(dir, 'mine', 'pack-source') });
      assert.deepEqual([...CALL_NAMES].filter((name) => !seen.calls.has(name)), []);
      assert.deepEqual([...EVENT_NAMES].filter((name) => !seen.events.has(name)), []);
    } finally {
      socket.close();
    }
  });

  it('refuses connections without the token, with a wrong one, from another origin or for another host', async () => {
    await assert.rejects(open(api), /HTTP 401/);
    // One character off (a token that happens to end in "x" gets a "y").
    const wrong = `${bridge.token.slice(0, -1)}${bridge.token.endsWith('x') ? 'y' : 'x'}`;
    await assert.rejects(open(`${api}?token=${wrong}`), /HTTP 401/);
    await assert.rejects(open(`${api}?token=${bridge.token}`, { origin: 'http://evil.example' }), /HTTP 401/);
    await assert.rejects(open(`${api}?token=${bridge.token}`, { host: `evil.example:${bridge.port}` }), /HTTP 404/);
    // A page on another name that resolves here (DNS rebinding) gets nothing either.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: bridge.port, path: '/', headers: { host: `evil.example:${bridge.port}` } }, (response) => resolve(response.statusCode)).on('error', reject);
    });
    assert.equal(status, 421);
  });

  it('answers malformed messages and unknown calls with typed errors and keeps the connection', async () => {
    const socket = await open(`${api}?token=${bridge.token}`, { origin: `http://127.0.0.1:${bridge.port}` });
    try {
      const notJson = await reply(socket, 'hello');
      assert.deepEqual([notJson['ok'], (notJson['error'] as { code: string }).code], [false, 'invalid-input']);
      const unknown = await reply(socket, JSON.stringify({ type: 'call', id: 7, name: 'deleteEverything', input: {} }));
      assert.deepEqual([unknown['id'], (unknown['error'] as { code: string }).code], [7, 'unknown-call']);
      const badInput = await reply(socket, JSON.stringify({ type: 'call', id: 8, name: 'getClip', input: { id: -3 } }));
      assert.deepEqual([badInput['id'], (badInput['error'] as { code: string }).code], [8, 'invalid-input']);
      const fine = await reply(socket, JSON.stringify({ type: 'call', id: 9, name: 'getQueue' }));
      assert.deepEqual([fine['id'], fine['ok']], [9, true]);
    } finally {
      socket.close();
    }
  });

  it('serves thumbnails only with the token, and the page with a content security policy', async () => {
    await library.services.thumbnails.idle();
    const [clip] = (await library.api.listClips()).clips;
    assert.equal(clip?.thumbnail, 'ready');
    const thumb = await fetch(`http://127.0.0.1:${bridge.port}/thumbnails/${clip!.id}.jpg?token=${bridge.token}`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await thumb.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
    assert.equal((await fetch(`http://127.0.0.1:${bridge.port}/thumbnails/${clip!.id}.jpg`)).status, 401);
    assert.equal((await fetch(`http://127.0.0.1:${bridge.port}/thumbnails/9999.jpg?token=${bridge.token}`)).status, 404);
    const page = await fetch(`http://127.0.0.1:${bridge.port}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal((await fetch(`http://127.0.0.1:${bridge.port}/..%2f..%2fetc/passwd`)).status, 404);
  });

  it("serves the library's media (frames, previews, thumbnails, a clip's source with byte ranges) only with the token", async () => {
    const [clip] = (await library.api.listClips()).clips;
    const media = (ref: string, token = `?token=${bridge.token}`, init: RequestInit = {}): Promise<Response> => fetch(`http://127.0.0.1:${bridge.port}/media/${ref}${token}`, init);
    const frame = await library.api.getClipFrame({ clipId: clip!.id, frame: 1 });
    const picture = await media(frame.image);
    assert.equal(picture.status, 200);
    assert.equal(picture.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual([...Buffer.from(await picture.arrayBuffer()).subarray(0, 2)], [0xff, 0xd8]);
    assert.equal((await media(frame.image, '')).status, 401);
    assert.equal((await media(frame.image, '?token=wrong')).status, 401);
    assert.equal((await media(`thumbnails/${clip!.id}.jpg`)).status, 200);
    const size = (await stat(clip!.path)).size;
    const part = await media(`clips/${clip!.id}/source`, `?token=${bridge.token}`, { headers: { range: 'bytes=10-109' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-109/${size}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), (await readFile(clip!.path)).subarray(10, 110));
    assert.equal((await media(`clips/${clip!.id}/source`, `?token=${bridge.token}`, { headers: { range: `bytes=${size}-` } })).status, 416);
    // Only what the library made or holds: no way out of the previews folder, no other names.
    for (const ref of ['previews/%2e%2e%2flibrary.specula', 'previews/frames/..%2f..%2flibrary.specula', 'clips/9999/source', 'previews/frames/notes.txt', 'library.specula']) {
      assert.equal((await media(ref)).status, 404, ref);
    }
  });
});
