// One pass over every call and event of the API, as a user's session would make them, with the
// bad inputs a user (or a hostile page) can send. The same scenario runs through the in-process
// router and through the WebSocket bridge; each returns which calls and events it saw.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { CallName, EventName, SpeculaApi } from '../../src-shared/api/contract.js';
import { DEFAULT_LIBRARY_DEFAULTS } from '../../src-shared/library/clip-settings.js';
import { LIBRARY_SCHEMA_VERSION } from '../../src-main/library/library-file.js';
import { probeStreams } from './clips.js';
import { BUILT_IN_PACKS } from './project.js';
import { FAST_DEFAULTS, recordEvents, settled } from './library.js';

export interface ScenarioPlaces {
  /** A folder of clips made by clipFolder(), inside the granted folder. */
  clips: string;
  /** Where exports go, inside the granted folder. */
  out: string;
  /** A folder the caller's user never chose. */
  outside: string;
  /** An empty folder inside the granted folder, to build a pack to import in. */
  packSource: string;
}

async function rejects(promise: Promise<unknown>, code: ApiError['code'], message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** Records which methods of the API the scenario called. */
function tracked(api: SpeculaApi, called: Set<string>): SpeculaApi {
  return new Proxy(api, {
    get(target, key: string) {
      const value = target[key as keyof SpeculaApi] as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        called.add(key);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
}

export async function exerciseEveryCall(raw: SpeculaApi, places: ScenarioPlaces): Promise<{ calls: Set<CallName>; events: Set<EventName> }> {
  const called = new Set<string>();
  const api = tracked(raw, called);
  const recorder = recordEvents(raw);

  // Where the page runs: no native dialogs here (a browser, a test), only the granted folders.
  const environment = await api.getEnvironment();
  assert.equal(environment.nativeDialogs, false);
  assert.ok(environment.allowedFolders.some((f) => places.clips.startsWith(f)), JSON.stringify(environment.allowedFolders));
  await rejects(api.choosePaths({ purpose: 'clips-folder' }), 'user-error', /no file dialog: type the folder's path instead/);
  await rejects(api.choosePaths({ purpose: 'photos' as 'clips-folder' }), 'invalid-input');

  // The library, and bringing clips in.
  const info = await api.getLibraryInfo();
  assert.equal(info.schemaVersion, LIBRARY_SCHEMA_VERSION);
  assert.equal(info.clips, 0);
  const importEvents: unknown[] = [];
  const stopImports = api.onClipsImported((result) => importEvents.push(result));
  const imported = await api.addClips({ paths: [places.clips], recursive: true });
  stopImports();
  assert.deepEqual(importEvents, [imported], 'every window hears how the import went');
  assert.deepEqual(imported.added.map((c) => c.name).sort(), ['jump.mp4', 'run.mkv', 'walk.mp4']);
  assert.deepEqual(imported.failed.map((f) => path.basename(f.path)).sort(), ['empty.mp4', 'notes.txt']);
  assert.match(imported.failed.find((f) => f.path.endsWith('empty.mp4'))!.reason, /is empty \(0 bytes\)/);
  assert.match(imported.failed.find((f) => f.path.endsWith('notes.txt'))!.reason, /not an image or video that ffmpeg can read/);
  const again = await api.addClips({ paths: [places.clips], recursive: true });
  assert.equal(again.added.length, 0);
  assert.equal(again.skipped.length, 3);
  await rejects(api.addClips({ paths: [places.outside] }), 'forbidden-path', /outside the folders you chose/);
  await rejects(api.addClips({ paths: ['clips/walk.mp4'] }), 'invalid-input', /absolute path/);

  // Listing, searching, filtering, sorting.
  const all = await api.listClips();
  assert.equal(all.total, 3);
  assert.deepEqual(all.clips.map((c) => c.name), ['jump.mp4', 'run.mkv', 'walk.mp4']);
  assert.deepEqual((await api.listClips({ search: 'WAL' })).clips.map((c) => c.name), ['walk.mp4']);
  assert.deepEqual((await api.listClips({ sort: 'duration', descending: true })).clips.map((c) => c.name), ['walk.mp4', 'run.mkv', 'jump.mp4']);
  assert.deepEqual((await api.listClips({ sort: 'name', offset: 1, limit: 1 })).clips.map((c) => c.name), ['run.mkv']);
  assert.equal((await api.listClips({ status: ['done'] })).total, 0);
  const id = (name: string): number => all.clips.find((c) => c.name === name)!.id;
  const [walk, run, jump] = [id('walk.mp4'), id('run.mkv'), id('jump.mp4')];
  await rejects(api.listClips({ sort: 'colour' as 'name' }), 'invalid-input');

  // Settings: library defaults, a clip's own, and reset.
  assert.deepEqual(await api.getDefaults(), DEFAULT_LIBRARY_DEFAULTS);
  const defaults = await api.setDefaults({ patch: FAST_DEFAULTS });
  assert.equal(defaults.pack, 'fast');
  await rejects(api.setDefaults({ patch: { pack: 'no-such-pack' } }), 'user-error', /no pack named "no-such-pack"/);
  await rejects(api.setDefaults({ patch: { crf: 'high' as unknown as number } }), 'invalid-input', /crf/);
  await rejects(api.setDefaults({ patch: { scale: 3 } }), 'user-error', /has no x3 model/);
  const trimmed = await api.setClipSettings({ clipId: walk, patch: { crf: 20, trimIn: 2, trimOut: 10 } });
  assert.deepEqual(trimmed.overrides, { crf: 20, trimIn: 2, trimOut: 10 });
  assert.equal(trimmed.effective.pack, 'fast');
  assert.equal(trimmed.effective.crf, 20);
  assert.deepEqual(trimmed.overridden.sort(), ['crf', 'trimIn', 'trimOut']);
  await rejects(api.setClipSettings({ clipId: walk, patch: { trimOut: 500 } }), 'user-error', /past the end of the clip, which has 12 frames/);
  await rejects(api.setClipSettings({ clipId: walk, patch: { tile: 10, overlap: 8 } }), 'user-error', /more than twice the overlap/);
  await rejects(api.setClipSettings({ clipId: walk, patch: { colour: 'red' } as object }), 'invalid-input');
  await rejects(api.setClipSettings({ clipId: 9999, patch: { crf: 20 } }), 'not-found', /no clip 9999/);
  const reset = await api.resetClipSettings({ clipId: walk, keys: ['crf'] });
  assert.deepEqual(reset.overrides, { trimIn: 2, trimOut: 10 });
  assert.equal((await api.getClip({ id: walk })).effective.crf, DEFAULT_LIBRARY_DEFAULTS.crf);
  await rejects(api.getClip({ id: 'one' as unknown as number }), 'invalid-input');
  await rejects(api.getClip({ id: 424242 }), 'not-found');

  // Source frames for the playhead, and previews: run once, then from the cache, then re-fused live.
  const frame = await api.getClipFrame({ clipId: walk, frame: 5 });
  assert.match(frame.image, /^previews\/frames\/clip-\d+-\d+-5\.jpg$/);
  assert.deepEqual([frame.width, frame.height], [64, 36]);
  await rejects(api.getClipFrame({ clipId: walk, frame: 12 }), 'user-error', /Frame 12 is out of range: walk\.mp4 has 12 frames \(0 to 11\)/);
  const progress: string[] = [];
  const stopProgress = api.onPreviewProgress((p) => p.clipId === jump && progress.push(p.stage));
  await api.setClipSettings({ clipId: jump, patch: { pack: 'detail', scale: 4 } });
  const preview = await api.previewFrame({ clipId: jump, frame: 2 });
  stopProgress();
  assert.equal(preview.cached, false);
  assert.ok(progress.includes('infer'), `stages seen: ${progress.join(', ')}`);
  assert.deepEqual([preview.pack, preview.scale, preview.width, preview.height, preview.images.drafts.length], ['detail', 4, 256, 144, 1]);
  assert.deepEqual(preview.fusion, { alpha: 0.6, fc: 0.25, order: 4, border: 16, mask: 'butterworth' }, "the pack's fusion where the clip sets none");
  const rerun = await api.previewFrame({ clipId: jump, frame: 2 });
  assert.deepEqual([rerun.id, rerun.cached, rerun.inferenceMs], [preview.id, true, null], 'the same settings reuse the models’ outputs');
  const refused = await api.refusePreview({ previewId: preview.id, alpha: 0.9, fc: 0.1, order: 2 });
  assert.deepEqual(refused.fusion, { ...preview.fusion, alpha: 0.9, fc: 0.1, order: 2 });
  assert.match(refused.fused, new RegExp(`^previews/${preview.id}/fused-live-\\d+\\.bmp$`));
  await rejects(api.refusePreview({ previewId: 'clip-1-0123456789abcdef', alpha: 0.5, fc: 0.2, order: 4 }), 'not-found', /run the preview again/);
  await rejects(api.refusePreview({ previewId: preview.id, alpha: 1.5, fc: 0.2, order: 4 }), 'invalid-input', /alpha/);
  await rejects(api.refusePreview({ previewId: '../../etc', alpha: 0.5, fc: 0.2, order: 4 }), 'invalid-input', /preview id/);
  const fused = await api.setClipSettings({ clipId: jump, patch: { alpha: 0.9 } });
  const withAlpha = await api.previewFrame({ clipId: jump, frame: 2 });
  assert.deepEqual([withAlpha.id, withAlpha.cached, withAlpha.fusion.alpha], [preview.id, true, 0.9], 'a fusion setting re-fuses the cached outputs');
  assert.notEqual(withAlpha.images.fused, preview.images.fused);
  await rejects(api.previewFrame({ clipId: jump, frame: 99 }), 'user-error', /out of range/);
  await rejects(api.previewFrame({ clipId: 9999, frame: 0 }), 'not-found');
  await api.resetClipSettings({ clipId: jump, keys: fused.overridden as ('pack' | 'scale' | 'alpha')[] });

  // The queue: paused while renders are queued, priorities, pause, cancel, then run.
  assert.equal((await api.pauseQueue()).paused, true);
  const [rWalk, rRun, rJump] = await api.queueRenders({ clipIds: [walk, run, jump] });
  assert.deepEqual([rWalk!.status, rRun!.status, rJump!.status], ['queued', 'queued', 'queued']);
  assert.equal(rWalk!.progress.total, 8, 'the trim is rendered, not the whole clip');
  assert.equal((await api.setRenderPriority({ id: rJump!.id, priority: 5 })).priority, 5);
  assert.equal((await api.pauseRender({ id: rRun!.id })).status, 'paused');
  assert.equal((await api.cancelRender({ id: rWalk!.id })).status, 'cancelled');
  const [rWalk2] = await api.queueRenders({ clipIds: [walk] });
  assert.notEqual(rWalk2!.id, rWalk!.id, 'a cancelled render is not reused');
  await rejects(api.pauseRender({ id: 9999 }), 'not-found');
  await rejects(api.resumeRender({ id: rWalk!.id }), 'conflict', /cancelled/);
  const started: number[] = [];
  const stopWatching = api.onRenderChanged((r) => r.status === 'running' && !started.includes(r.id) && started.push(r.id));
  assert.equal((await api.resumeQueue()).paused, false);
  const finished = await settled(api, [rWalk2!.id, rJump!.id]);
  stopWatching();
  assert.deepEqual(finished.map((r) => r.status), ['done', 'done'], JSON.stringify(finished.map((r) => r.error)));
  assert.deepEqual(started.slice(0, 2), [rJump!.id, rWalk2!.id], 'the higher priority started first');
  assert.equal((await api.listRenders({ clipId: run }))[0]!.status, 'paused', 'a paused render waits');
  assert.equal((await api.resumeRender({ id: rRun!.id })).status === 'paused', false);
  assert.deepEqual((await settled(api, [rRun!.id])).map((r) => r.status), ['done']);
  assert.equal((await api.listRenders({ status: ['done'] })).length, 3);
  assert.equal((await api.listClips({ status: ['done'] })).total, 3);
  await rejects(api.pauseRender({ id: rRun!.id }), 'conflict', /only a queued or running render can be paused/);
  assert.equal((await api.setConcurrency({ device: 'cpu', workers: 2 })).concurrency.cpu, 2);
  // Emptying the queue cancels what waits and leaves what is done.
  await api.pauseQueue();
  const [rJumpAgain] = await api.queueRenders({ clipIds: [jump], priority: 1 });
  assert.equal(rJumpAgain!.id, rJump!.id, 'a clip already rendered with these settings is not rendered again');
  await api.setClipSettings({ clipId: jump, patch: { crf: 30 } });
  const [rJump2] = await api.queueRenders({ clipIds: [jump] });
  assert.notEqual(rJump2!.id, rJump!.id, 'new settings make a new render');
  const emptied = await api.cancelQueue();
  assert.deepEqual([emptied.counts.queued, emptied.counts.cancelled, emptied.counts.done], [0, 2, 3]);
  await api.resumeQueue();
  const queue = await api.getQueue();
  assert.deepEqual([queue.counts.done, queue.counts.cancelled, queue.paused], [3, 2, false]);

  // Exports: copy, re-encode, and the refusals.
  const target = path.join(places.out, 'walk.mp4');
  const exported = await api.startExport({ renderId: rWalk2!.id, target });
  assert.equal(exported.status, 'running');
  const done = await exportDone(api, exported.id);
  assert.equal(done.status, 'done', done.error ?? '');
  assert.equal(done.mode, 'copy');
  assert.equal(done.verification?.ok, true, JSON.stringify(done.verification));
  const video = probeStreams(target).find((s) => s.codec_type === 'video')!;
  assert.equal(Number(video.nb_read_packets), 8);
  await rejects(api.startExport({ renderId: rWalk2!.id, target }), 'conflict', /already exists/);
  await rejects(api.startExport({ renderId: rWalk2!.id, target: path.join(places.outside, 'walk.mp4') }), 'forbidden-path');
  await rejects(api.startExport({ renderId: rWalk!.id, target: path.join(places.out, 'x.mp4') }), 'conflict', /only a finished render can be exported/);
  await rejects(api.startExport({ renderId: rWalk2!.id, target: path.join(places.out, 'walk.mov') }), 'invalid-input', /\.mp4/);
  const reencoded = await exportDone(api, (await api.startExport({ renderId: rWalk2!.id, target, codec: 'h265', crf: 30, overwrite: true })).id);
  assert.equal(reencoded.mode, 'encode');
  assert.equal(reencoded.verification?.ok, true, JSON.stringify(reencoded.verification));
  assert.equal(probeStreams(target).find((s) => s.codec_type === 'video')!.codec_name, 'hevc');
  assert.equal((await api.listExports({ renderId: rWalk2!.id })).length, 2);
  assert.equal((await api.listExports({ clipId: jump })).length, 0);

  // Packs: the installed ones, and importing a folder (checked before it is copied).
  const packs = await api.listPacks();
  assert.deepEqual(packs.filter((p) => p.status === 'ok').map((p) => p.name).sort(), ['detail', 'fast']);
  const mine = path.join(places.packSource, 'my-fast');
  cpSync(path.join(BUILT_IN_PACKS, 'fast'), mine, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(mine, 'pack.json'), 'utf8')) as { name: string };
  writeFileSync(path.join(mine, 'pack.json'), JSON.stringify({ ...manifest, name: 'my-fast' }));
  const added: string[] = [];
  const stopPacks = api.onPacksChanged((change) => added.push(...change.added));
  const importedPack = await api.importPack({ path: mine });
  stopPacks();
  assert.deepEqual([importedPack.name, importedPack.origin, importedPack.status], ['my-fast', 'user', 'ok']);
  assert.deepEqual(added, ['my-fast']);
  await rejects(api.importPack({ path: mine }), 'conflict', /already installed/);
  await rejects(api.importPack({ path: places.clips }), 'user-error', /is not a pack Specula can use: the folder has no pack\.json; nothing was imported/);
  await rejects(api.importPack({ path: places.outside }), 'forbidden-path');
  assert.ok((await api.listPacks()).some((p) => p.name === 'my-fast' && p.origin === 'user' && p.status === 'ok'));

  // Removing a clip with its renders' segments.
  const runFolder = path.join((await api.getLibraryInfo()).renderFolder, `render-${rRun!.id}`);
  assert.ok(existsSync(runFolder));
  assert.equal((await api.removeClips({ ids: [run, 9999] })).removed, 1);
  assert.equal(existsSync(runFolder), false, "the removed clip's segments are deleted");
  assert.equal((await api.listClips()).total, 2);
  assert.equal((await api.getLibraryInfo()).clips, 2);

  recorder.stop();
  const events = new Set(recorder.events.map((e) => e.name));
  return { calls: called as Set<CallName>, events };
}

async function exportDone(api: SpeculaApi, id: number): Promise<Awaited<ReturnType<SpeculaApi['listExports']>>[number]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      void api.listExports({}).then((all) => {
        const record = all.find((e) => e.id === id);
        if (record && record.status !== 'running') {
          stop();
          resolve(record);
        }
      }, reject);
    };
    const stop = api.onExportChanged(check);
    check();
  });
}
