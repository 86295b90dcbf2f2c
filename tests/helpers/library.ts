// A library for tests: real clips (made from the fixture photos by ffmpeg), real services, and the
// API through the in-process router. The fast pack at x2 with ultrafast encoding keeps renders
// quick on two cores; the pipeline is the same for every pack.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApiClient } from '../../src-shared/api/api-client.js';
import { EVENT_NAMES, type EventName, type SpeculaApi } from '../../src-shared/api/contract.js';
import type { RenderRecord } from '../../src-shared/api/library-records.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { PathGrants } from '../../src-main/api/path-grants.js';
import { ApiRouter } from '../../src-main/api/router.js';
import { SpeculaServices } from '../../src-main/app/specula-services.js';
import type { WorkerFactory } from '../../src-main/worker/inference-worker.js';
import { makeClip, type ClipOptions } from './clips.js';

export const FAST_DEFAULTS = { pack: 'fast', scale: 2, preset: 'ultrafast' } as const;

export interface TestLibrary {
  services: SpeculaServices;
  router: ApiRouter;
  api: SpeculaApi;
  close(): Promise<void>;
}

export async function openTestLibrary(dir: string, options: { grants?: PathGrants; workers?: WorkerFactory } = {}): Promise<TestLibrary> {
  const services = await SpeculaServices.open({ libraryFile: path.join(dir, 'library.specula'), packsDir: path.join(dir, 'user-packs'), ...(options.workers ? { workers: options.workers } : {}) });
  const router = new ApiRouter(createHandlers(services), services.events, () => undefined);
  const api = createApiClient(router.inProcess({ grants: options.grants ?? PathGrants.within([dir]) }));
  return { services, router, api, close: () => services.close() };
}

/** A folder of clips as a user would have it: videos, one in a subfolder, plus a text file and an empty file. */
export function clipFolder(dir: string, clips: Record<string, ClipOptions> = { 'walk.mp4': {}, 'run.mkv': { frames: 8 }, 'sub/jump.mp4': { frames: 6, audio: false } }): string {
  const folder = path.join(dir, 'clips');
  for (const [name, options] of Object.entries(clips)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    makeClip(path.join(folder, name), options);
  }
  writeFileSync(path.join(folder, 'notes.txt'), 'shot list: walk, run, jump\n');
  writeFileSync(path.join(folder, 'empty.mp4'), '');
  return folder;
}

/** Every event the API sends, in order, from the moment this is called. */
export function recordEvents(api: SpeculaApi): { events: { name: EventName; payload: unknown }[]; stop(): void } {
  const events: { name: EventName; payload: unknown }[] = [];
  const stops = EVENT_NAMES.map((name) => {
    const method = `on${name[0]!.toUpperCase()}${name.slice(1)}` as `on${Capitalize<EventName>}`;
    return (api[method] as (listener: (payload: unknown) => void) => () => void)((payload) => events.push({ name, payload }));
  });
  return { events, stop: () => stops.forEach((s) => s()) };
}

/** Resolves once none of the renders is queued or running (it waits on events, not on a clock). */
export function settled(api: SpeculaApi, ids: number[]): Promise<RenderRecord[]> {
  const busy = (records: RenderRecord[]): boolean => records.some((r) => ids.includes(r.id) && (r.status === 'queued' || r.status === 'running'));
  return new Promise((resolve, reject) => {
    let done = false;
    const check = (): void => {
      void api.listRenders({}).then((records) => {
        if (done || busy(records)) return;
        done = true;
        stop();
        resolve(records.filter((r) => ids.includes(r.id)));
      }, reject);
    };
    // Listening before the first look, so a render that ends in between is not missed.
    const stop = api.onRenderChanged(check);
    check();
  });
}
