// `specula serve` as a user starts it: it prints its address and token, answers API calls over
// the WebSocket for clients that show the token, serves the page, and stops cleanly on Ctrl-C.
// And the library commands refuse a file that is not a library, leaving it as it was.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectBridgeApi } from '../../src-shared/api/bridge-client.js';
import { LIBRARY_SCHEMA_VERSION } from '../../src-main/library/library-file.js';
import { ROOT, runSpecula, tempDir } from '../helpers/project.js';

describe('specula serve', () => {
  it('prints its address and token, answers calls over the WebSocket, and stops on Ctrl-C', async () => {
    const dir = tempDir('specula-serve-');
    const library = path.join(dir, 'library.specula');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'specula.js'), 'serve', '--library', library, '--json', '--allow', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const address = JSON.parse(first.split('\n')[0]!) as { url: string; port: number; token: string; library: string };
    assert.equal(address.library, library);
    assert.match(address.url, new RegExp(`^http://127\\.0\\.0\\.1:${address.port}/\\?token=${address.token}$`));
    const page = await fetch(address.url);
    assert.equal(page.status, 200);
    const socket = new WebSocket(`ws://127.0.0.1:${address.port}/api?token=${address.token}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const api = connectBridgeApi(socket);
    assert.deepEqual(await api.getLibraryInfo(), { path: library, schemaVersion: LIBRARY_SCHEMA_VERSION, clips: 0, renderFolder: path.join(dir, 'library-renders') });
    socket.close();
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  it('refuses a file that is not a library with one line and exit 2, leaving it untouched', () => {
    const notes = path.join(tempDir('specula-notlib-'), 'notes.txt');
    writeFileSync(notes, 'not a library\n');
    const run = runSpecula(['library', 'list', '--library', notes]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim(), `${notes} is not a Specula library (it is not an SQLite database); it was left untouched: open another file or choose a new name.`);
    assert.equal(readFileSync(notes, 'utf8'), 'not a library\n');
  });
});
