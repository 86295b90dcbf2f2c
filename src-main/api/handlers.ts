// What each API call does, on the shared services. Inputs arrive checked against the contract;
// what can still be wrong (an unknown id, a path the user never chose, settings that do not fit
// the clip or pack) is thrown as a typed error for the router to answer with.
import { NotFoundError } from '../../src-shared/api/api-error.js';
import type { ClipDetail } from '../../src-shared/api/library-records.js';
import { effectiveSettings, type ClipOverrides } from '../../src-shared/library/clip-settings.js';
import { UserError } from '../../src-shared/user-error.js';
import type { SpeculaServices } from '../app/specula-services.js';
import { importClips } from '../library-services/import-clips.js';
import { checkClipSettings } from '../library-services/check-settings.js';
import type { Handlers } from './router.js';

export function createHandlers(services: SpeculaServices): Handlers {
  const { library, events, queue } = services;

  const clipDetail = (id: number): ClipDetail => {
    const detail = library.clips.detail(id);
    if (!detail) throw new NotFoundError(`There is no clip ${id} in this library.`);
    const defaults = library.settings.defaults();
    return { ...detail, defaults, effective: effectiveSettings(defaults, detail.overrides) };
  };

  let settingsChanges: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(change: () => Promise<T>): Promise<T> => {
    const result = settingsChanges.then(change, change);
    settingsChanges = result.catch(() => undefined);
    return result;
  };

  const saveOverrides = async (clipId: number, overrides: ClipOverrides): Promise<ClipDetail> => {
    const media = library.clips.media(clipId);
    if (!media) throw new NotFoundError(`There is no clip ${clipId} in this library.`);
    await checkClipSettings(effectiveSettings(library.settings.defaults(), overrides), media, await services.packs());
    library.clips.setOverrides(clipId, overrides);
    events.emit('clipsChanged', { added: [], updated: [clipId], removed: [] });
    return clipDetail(clipId);
  };

  return {
    getLibraryInfo: () => ({ path: library.file, schemaVersion: library.schemaVersion(), clips: library.clips.count(), renderFolder: library.settings.renderFolder() }),

    addClips: async ({ paths, recursive }, { grants }) => {
      const chosen = paths.map((p) => grants.check(p));
      const result = await importClips(library, events, services.tools.ffprobe, chosen, recursive);
      services.thumbnails.wake();
      events.emit('clipsImported', result);
      return result;
    },

    listClips: (query) => library.clips.list(query),
    getClip: ({ id }) => clipDetail(id),
    removeClips: async ({ ids }) => ({ removed: await services.removeClips(ids) }),

    getDefaults: () => library.settings.defaults(),
    setDefaults: async ({ patch }) => {
      await checkClipSettings(effectiveSettings({ ...library.settings.defaults(), ...patch }, {}), null, await services.packs());
      return library.settings.setDefaults(patch);
    },

    // One settings change at a time: each reads the clip's overrides, is checked (which awaits),
    // then writes, so two quick changes (the trim's in and out points) must not interleave.
    setClipSettings: ({ clipId, patch }) => oneAtATime(() => saveOverrides(clipId, { ...(library.clips.overrides(clipId) ?? {}), ...patch })),
    resetClipSettings: ({ clipId, keys }) =>
      oneAtATime(() => {
        const overrides = { ...(library.clips.overrides(clipId) ?? {}) };
        for (const key of keys ?? (Object.keys(overrides) as (keyof ClipOverrides)[])) delete overrides[key];
        return saveOverrides(clipId, overrides);
      }),

    queueRenders: ({ clipIds, priority }) => queue.queueClips(clipIds, priority),
    listRenders: (filter) => library.renders.list(filter).map((r) => queue.record(r.id)),
    pauseRender: ({ id }) => queue.pause(id),
    resumeRender: ({ id }) => queue.resume(id),
    cancelRender: ({ id }) => queue.cancel(id),
    setRenderPriority: ({ id, priority }) => queue.setPriority(id, priority),

    getQueue: () => queue.state(),
    pauseQueue: () => queue.pauseAll(),
    resumeQueue: () => queue.resumeAll(),
    cancelQueue: () => queue.cancelAll(),
    setConcurrency: ({ device, workers }) => queue.setConcurrency(device, workers),

    startExport: ({ renderId, target, codec, crf, preset, overwrite }, { grants }) =>
      services.exports.start({
        renderId,
        target: grants.check(target),
        encode: Object.fromEntries(Object.entries({ codec, crf, preset }).filter(([, v]) => v !== undefined)),
        overwrite,
      }),
    listExports: (filter) => library.exports.list(filter),
    listPacks: () => services.packInfo(),
    importPack: ({ path }, { grants }) => services.importPack(grants.check(path)),

    getEnvironment: (_input, { grants, dialogs }) => ({
      nativeDialogs: dialogs !== undefined,
      allowedFolders: grants.folders(),
      packsFolder: services.userPacksDir(),
      platform: process.platform,
    }),
    choosePaths: async ({ purpose }, { grants, dialogs }) => {
      if (!dialogs) throw new UserError("A browser has no file dialog: type the folder's path instead (it must be inside a folder `specula serve` was started with --allow).");
      const paths = await dialogs.choose(purpose);
      for (const chosen of paths) grants.grant(chosen);
      return { paths };
    },

    getClipFrame: ({ clipId, frame }) => services.previews.clipFrame(clipId, frame),
    previewFrame: ({ clipId, frame }) => services.previews.preview(clipId, frame),
    refusePreview: ({ previewId, ...change }) => services.previews.refuse(previewId, change),
  };
}
