// The preload as Electron loads it (the bundled dist/electron/preload.cjs, run in a sandbox-like
// context with a stand-in for the electron module): the page gets `window.specula` with exactly
// the contract's calls and event subscriptions, nothing else, carried over the two IPC channels.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { apiErrorFromBridge } from '../../../src-shared/api/api-error.js';
import { CALL_NAMES, EVENT_NAMES, eventMethodName } from '../../../src-shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL } from '../../../src-shared/api/ipc-channels.js';
import { ROOT } from '../../helpers/project.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

type DropEvent = { dataTransfer: { files: { name: string; onDisk: string }[] } | null };

function loadPreload(answer: (name: string, input: unknown) => unknown) {
  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners = new Set<Listener>();
  const dropListeners: ((event: DropEvent) => void)[] = [];
  const window = { addEventListener: (type: string, listener: (event: DropEvent) => void) => type === 'drop' && dropListeners.push(listener) };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => exposed.set(key, api) },
    // A file the user dragged in from disk has a path; one a page made up (new File(...)) has none.
    webUtils: { getPathForFile: (file: { onDisk: string }) => file.onDisk },
    ipcRenderer: {
      send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]),
      invoke: async (channel: string, name: string, input: unknown) => {
        invoked.push([channel, name, input]);
        return answer(name, input);
      },
      on: (channel: string, listener: Listener) => channel === IPC_EVENT_CHANNEL && listeners.add(listener),
      off: (channel: string, listener: Listener) => channel === IPC_EVENT_CHANNEL && listeners.delete(listener),
    },
  };
  const code = readFileSync(path.join(ROOT, 'dist', 'electron', 'preload.cjs'), 'utf8');
  const required: string[] = [];
  const module = { exports: {} };
  const require = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot load ${name}`);
  };
  vm.runInNewContext(code, { require, module, exports: module.exports, Promise, Error, Array, window });
  return {
    exposed,
    invoked,
    sent,
    listeners,
    required,
    emit: (name: string, payload: unknown) => listeners.forEach((l) => l({}, name, payload)),
    drop: (event: DropEvent) => dropListeners.forEach((l) => l(event)),
  };
}

describe('preload', () => {
  it('exposes window.specula with exactly the contract, and loads nothing but electron', () => {
    const { exposed, required } = loadPreload(() => ({ ok: true, result: null }));
    assert.deepEqual([...exposed.keys()], ['specula']);
    const expected = [...CALL_NAMES, ...EVENT_NAMES.map((e) => eventMethodName(e))].sort();
    assert.deepEqual(Object.keys(exposed.get('specula')!).sort(), expected);
    assert.deepEqual(required, ['electron']);
  });

  it('carries a call over the call channel and returns its result', async () => {
    const { exposed, invoked } = loadPreload((name) => ({ ok: true, result: { answered: name } }));
    const api = exposed.get('specula')!;
    assert.deepEqual(await api['listClips']!({ search: 'walk' }), { answered: 'listClips' });
    assert.deepEqual(await api['getQueue']!(), { answered: 'getQueue' });
    // (JSON: the preload's default {} comes from its own context, with its own Object.)
    assert.equal(JSON.stringify(invoked), JSON.stringify([[IPC_CALL_CHANNEL, 'listClips', { search: 'walk' }], [IPC_CALL_CHANNEL, 'getQueue', {}]]));
  });

  it("rejects a failed call with the error's code readable on the page's side", async () => {
    const { exposed } = loadPreload(() => ({ ok: false, error: { code: 'not-found', message: 'There is no clip 7 in this library.' } }));
    const error = await (exposed.get('specula')!['getClip']!({ id: 7 }) as Promise<unknown>).then(
      () => null,
      (e: unknown) => e,
    );
    const decoded = apiErrorFromBridge(error);
    assert.deepEqual([decoded.code, decoded.message], ['not-found', 'There is no clip 7 in this library.']);
  });

  it('delivers each event only to its own subscribers, until they unsubscribe', () => {
    const { exposed, emit, listeners } = loadPreload(() => ({ ok: true, result: null }));
    const api = exposed.get('specula')!;
    const progress: unknown[] = [];
    const queue: unknown[] = [];
    const stopProgress = api['onRenderProgress']!((p: unknown) => progress.push(p)) as () => void;
    api['onQueueChanged']!((q: unknown) => queue.push(q));
    emit('renderProgress', { id: 1 });
    emit('queueChanged', { paused: true });
    stopProgress();
    emit('renderProgress', { id: 2 });
    assert.deepEqual(progress, [{ id: 1 }]);
    assert.deepEqual(queue, [{ paused: true }]);
    assert.equal(listeners.size, 1);
  });

  it("sends the paths of files dropped from disk to the main process, and nothing for files a page made up", () => {
    const { drop, sent, exposed } = loadPreload(() => ({ ok: true, result: null }));
    drop({ dataTransfer: { files: [{ name: 'walk.mp4', onDisk: '/home/me/clips/walk.mp4' }, { name: 'clips', onDisk: '/home/me/more' }] } });
    drop({ dataTransfer: { files: [{ name: 'forged.mp4', onDisk: '' }] } });
    drop({ dataTransfer: null });
    assert.equal(JSON.stringify(sent), JSON.stringify([[IPC_DROP_CHANNEL, ['/home/me/clips/walk.mp4', '/home/me/more']]]));
    assert.deepEqual(Object.keys(exposed.get('specula')!).filter((k) => /drop/i.test(k)), [], 'the page gets no drop method');
  });
});
