// The desktop app's main process (dist/src-main/electron/main.js, as built) run in Node against a
// stand-in for Electron (tests/helpers/fake-electron.ts): what it asks of Electron (the window's
// isolation, the app's scheme, the menu), the API over IPC for the app's pages only, dialogs and
// drops granting what the user chose, the library's media through the scheme, the inference
// worker as a utility process, and quitting: the queue paused and the library closed.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallInput, CallName, CallOutput } from '../../../src-shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL } from '../../../src-shared/api/ipc-channels.js';
import { Library } from '../../../src-main/library/library.js';
import { clipFolder, FAST_DEFAULTS } from '../../helpers/library.js';
import { makeClip } from '../../helpers/clips.js';
import { ROOT, tempDir } from '../../helpers/project.js';

type Harness = typeof import('../../helpers/fake-electron.js');

const APP_PAGE = 'specula://app/index.html';

describe('the desktop app main process (with a stand-in for Electron)', () => {
  let dir: string;
  let electron: Harness;
  const call = async <K extends CallName>(name: K, input: CallInput<K> = {} as CallInput<K>, page = APP_PAGE) =>
    (await electron.harness.ipcHandlers.get(IPC_CALL_CHANNEL)!({ senderFrame: { url: page } }, name, input)) as { ok: boolean; result: CallOutput<K>; error?: { code: string; message: string } };
  const fetchApp = (url: string, headers: Record<string, string> = {}) => electron.harness.protocolHandlers.get('specula')!(new Request(url, { headers }));
  const until = async (check: () => boolean | Promise<boolean>, what: string): Promise<void> => {
    for (const started = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 50))) if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
  };

  before(async () => {
    dir = tempDir('specula-electron-');
    process.env['XDG_DATA_HOME'] = path.join(dir, 'data');
    const fake = new URL('../../helpers/fake-electron.ts', import.meta.url).href;
    const hooks = `export async function resolve(specifier, context, next) { return specifier === 'electron' ? { url: ${JSON.stringify(fake)}, shortCircuit: true } : next(specifier, context); }`;
    register(`data:text/javascript,${encodeURIComponent(hooks)}`);
    electron = (await import(fake)) as Harness;
    await import(path.join(ROOT, 'dist', 'src-main', 'electron', 'main.js'));
    electron.app.becomeReady();
    await until(() => electron.harness.windows.length === 1, 'the window');
  });

  after(() => {
    if (!electron.harness.quitted) electron.app.quit();
  });

  it('opens one sandboxed, isolated window on the app scheme, with only the preload and no Node', () => {
    const [window] = electron.harness.windows;
    const preferences = window!.options['webPreferences'] as Record<string, unknown>;
    assert.deepEqual([preferences['contextIsolation'], preferences['sandbox'], preferences['nodeIntegration']], [true, true, false]);
    assert.ok(existsSync(preferences['preload'] as string), 'the bundled preload is there');
    assert.equal(window!.url, APP_PAGE);
    assert.deepEqual(electron.harness.schemes, [{ scheme: 'specula', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
    const navigation = { prevented: false, preventDefault: () => (navigation.prevented = true) };
    window!.webContents.navigationGuard!(navigation, 'https://example.com/');
    assert.equal(navigation.prevented, true, 'the window never leaves the app');
    assert.deepEqual(window!.webContents.openHandler!({ url: 'https://example.com/' }), { action: 'deny' });
  });

  it('serves the built interface with its Content-Security-Policy, and nothing outside it', async () => {
    const page = await fetchApp(APP_PAGE);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*object-src 'none'/);
    assert.match(await page.text(), /<div id="app">/);
    assert.equal((await fetchApp('specula://app/%2e%2e/%2e%2e/package.json')).status, 404);
    assert.equal((await fetchApp('specula://elsewhere/index.html')).status, 404);
    assert.equal((await fetchApp('specula://app/media/clips/1/source')).status, 404, 'no such clip yet');
  });

  it('answers the API for the app page only, with native dialogs whose choices are granted', async () => {
    assert.equal((await call('getLibraryInfo')).result.path, path.join(dir, 'data', 'specula', 'library.specula'));
    assert.deepEqual((await call('getLibraryInfo', {}, 'https://evil.example/')).error, { code: 'forbidden-path', message: 'This page may not use Specula.' });
    assert.equal((await call('getEnvironment')).result.nativeDialogs, true);
    assert.equal((await call('setDefaults', { patch: FAST_DEFAULTS })).ok, true);
    const clips = clipFolder(path.join(dir, 'chosen'));
    assert.equal((await call('addClips', { paths: [clips] })).error?.code, 'forbidden-path', 'nothing is allowed before the user chooses');
    electron.harness.nextDialog = { canceled: false, filePaths: [clips] };
    assert.deepEqual((await call('choosePaths', { purpose: 'clips-folder' })).result, { paths: [clips] });
    const added = await call('addClips', { paths: [clips], recursive: true });
    assert.deepEqual(added.result.added.map((c) => c.name).sort(), ['jump.mp4', 'run.mkv', 'walk.mp4']);
  });

  it('grants and imports what is dropped on the window, and tells the page how it went', async () => {
    const dropped = makeClip(path.join(tempDir('specula-dropped-'), 'dropped.mp4'), { frames: 6 });
    const imports = () => electron.harness.sentToPages.filter(([channel, name]) => channel === IPC_EVENT_CHANNEL && name === 'clipsImported') as [string, string, { added: { name: string }[] }][];
    const before = imports().length;
    electron.harness.ipcListeners.get(IPC_DROP_CHANNEL)!({ senderFrame: { url: 'https://evil.example/' } }, [dropped]);
    electron.harness.ipcListeners.get(IPC_DROP_CHANNEL)!({ senderFrame: { url: APP_PAGE } }, ['not/absolute']);
    electron.harness.ipcListeners.get(IPC_DROP_CHANNEL)!({ senderFrame: { url: APP_PAGE } }, [dropped]);
    await until(() => imports().length > before, 'the drop to be imported');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(imports().slice(before).map(([, , result]) => result.added.map((c) => c.name)), [['dropped.mp4']], 'drops from elsewhere, or of no path, import nothing');
    assert.equal((await call('addClips', { paths: [dropped] })).result.skipped.length, 1, 'the dropped file is granted');
  });

  it("serves the library's media through the scheme, with byte ranges for playback", async () => {
    const { clips } = (await call('listClips')).result;
    const walk = clips.find((c) => c.name === 'walk.mp4')!;
    const part = await fetchApp(`specula://app/media/clips/${walk.id}/source`, { range: 'bytes=0-99' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 0-99/${walk.size}`);
    assert.equal((await part.arrayBuffer()).byteLength, 100);
    await until(async () => (await fetchApp(`specula://app/media/thumbnails/${walk.id}.jpg`)).status === 200, 'the thumbnail strip');
    const frame = await call('getClipFrame', { clipId: walk.id, frame: 3 });
    const picture = await fetchApp(`specula://app/media/${frame.result.image}`);
    assert.deepEqual([picture.status, picture.headers.get('content-type')], [200, 'image/jpeg']);
  });

  it('runs previews and renders in the inference worker as a utility process', async () => {
    const { clips } = (await call('listClips')).result;
    const run = clips.find((c) => c.name === 'run.mkv')!;
    const preview = await call('previewFrame', { clipId: run.id, frame: 2 });
    assert.equal(preview.ok, true, preview.error?.message);
    assert.equal((await fetchApp(`specula://app/media/${preview.result.images.base}`)).status, 200);
    const [render] = (await call('queueRenders', { clipIds: [run.id] })).result;
    await until(async () => (await call('listRenders', { clipId: run.id })).result.find((r) => r.id === render!.id)?.status === 'done', 'the render');
  });

  it('has a menu whose actions go through the API', async () => {
    const items = electron.harness.menu!.template.flatMap((m) => m.submenu ?? []);
    assert.ok(items.some((i) => i.label === 'Add Folder…' && i.accelerator === 'CmdOrCtrl+O'));
    assert.ok(items.some((i) => i.label === 'Import Pack Folder…'));
    items.find((i) => i.label === 'Pause the Queue')!.click!();
    await until(async () => (await call('getQueue')).result.paused === true, 'the queue to pause');
    items.find((i) => i.label === 'Resume the Queue')!.click!();
    await until(async () => (await call('getQueue')).result.paused === false, 'the queue to resume');
  });

  it('focuses the window when started again, and on quitting pauses the queue and closes the library', async () => {
    electron.app.emit('second-instance');
    assert.equal(electron.harness.windows[0]!.focused, 1);
    electron.app.quit();
    await until(() => electron.harness.quitted, 'the app to quit');
    const library = await Library.open(path.join(dir, 'data', 'specula', 'library.specula'));
    try {
      assert.equal(library.queue.paused(), true, 'renders do not start by themselves at the next launch');
    } finally {
      library.close();
    }
  });
});
