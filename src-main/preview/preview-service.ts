// The app's previews: one frame of a clip through its pack with the clip's settings, in a
// folder named after everything that changes the models' output (preview-key.ts). The worker
// keeps the base and draft outputs (in memory and in that folder), so running the same preview
// again takes them from the cache and a fusion slider re-fuses them without running the models.
// Source frames for the playhead are made here too. Everything lives in `<library>-previews`.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../../src-shared/api/api-error.js';
import type { ClipFrame, PreviewRecord, RefusedPreview } from '../../src-shared/api/preview-records.js';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PreviewJob, PreviewResult } from '../../src-shared/jobs/preview-job.js';
import { effectiveSettings } from '../../src-shared/library/clip-settings.js';
import type { MediaInfo } from '../../src-shared/media/media-info.js';
import { UserError } from '../../src-shared/user-error.js';
import type { EventBus } from '../api/event-bus.js';
import { writeFramePicture } from '../frames/frame-picture.js';
import type { Library } from '../library/library.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { describeFailure } from '../queue/describe-failure.js';
import type { InferenceWorker, WorkerFactory } from '../worker/inference-worker.js';
import { choosePack } from './prepare-preview.js';
import { previewJobFor } from './preview-job-for.js';
import { previewKey } from './preview-key.js';

/** Previews kept per clip; older folders are deleted. */
const KEPT_PER_CLIP = 6;
/** Re-fused pictures kept per preview (the page may still be loading the one before). */
const KEPT_REFUSED = 3;
/** Source frame pictures kept (the newest); each is a small JPEG made again if asked for. */
const KEPT_FRAMES = 400;

interface PreviewFile {
  settings: { fusion: FusionSettings };
  device: PreviewRecord['device'];
  timings: PreviewResult['timings'];
  files: PreviewResult['files'];
}

export interface PreviewServiceOptions {
  library: Library;
  events: EventBus;
  ffmpeg: string;
  packs(): Promise<PackEntry[]>;
  workers: WorkerFactory;
}

export class PreviewService {
  readonly root: string;
  private worker: InferenceWorker | null = null;
  private readonly inFlight = new Map<string, Promise<PreviewRecord>>();
  private refused = 0;
  private framesMade = 0;

  constructor(private readonly options: PreviewServiceOptions) {
    const file = options.library.file;
    this.root = path.join(path.dirname(file), `${path.parse(file).name}-previews`);
  }

  async preview(clipId: number, frame: number): Promise<PreviewRecord> {
    const { library } = this.options;
    const media = this.media(clipId);
    checkFrame(media, frame);
    const settings = effectiveSettings(library.settings.defaults(), library.clips.overrides(clipId) ?? {});
    const pack = choosePack(await this.options.packs(), settings.pack);
    const draftJob = previewJobFor(settings, media, frame, pack, this.options.ffmpeg, this.root);
    const id = await previewKey(clipId, draftJob).catch((error: unknown) => {
      throw new UserError(`${media.path} cannot be read any more (${(error as Error).message}); put it back or remove the clip.`);
    });
    const job: PreviewJob = { ...draftJob, outDir: path.join(this.root, id) };
    const running = this.inFlight.get(id);
    if (running) return running;
    const done = this.run(clipId, id, job).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, done);
    return done;
  }

  async refuse(previewId: string, change: Pick<FusionSettings, 'alpha' | 'fc' | 'order'> & Partial<Pick<FusionSettings, 'mask'>>): Promise<RefusedPreview> {
    const dir = path.join(this.root, previewId);
    const saved = await this.readPreviewFile(dir);
    if (!saved) throw new NotFoundError(`There is no preview ${previewId} any more; run the preview again.`);
    const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const fusion: FusionSettings = { ...saved.settings.fusion, ...given };
    const { fuseMs, writeMs, out } = await this.refuseInto(dir, fusion);
    return { previewId, fused: this.ref(out), fusion, fuseMs, writeMs };
  }

  async clipFrame(clipId: number, frame: number): Promise<ClipFrame> {
    const media = this.media(clipId);
    checkFrame(media, frame);
    const source = await stat(media.path).catch(() => null);
    if (!source) throw new UserError(`${media.path} is missing; put it back or remove the clip.`);
    const folder = path.join(this.root, 'frames');
    const out = path.join(folder, `clip-${clipId}-${Math.round(source.mtimeMs)}-${frame}.jpg`);
    if (!existsSync(out)) {
      await mkdir(folder, { recursive: true });
      await writeFramePicture(this.options.ffmpeg, media, frame, out).catch((error: unknown) => {
        throw new UserError(`Frame ${frame} of ${path.basename(media.path)} could not be decoded (${(error as Error).message}).`);
      });
      if (++this.framesMade % 50 === 0) void this.pruneFrames(folder);
    }
    return { clipId, frame, image: this.ref(out), width: media.width, height: media.height };
  }

  /** Deletes the removed clips' previews and frames. */
  async forget(clipIds: number[]): Promise<void> {
    const entries = await readdir(this.root).catch(() => [] as string[]);
    const frames = await readdir(path.join(this.root, 'frames')).catch(() => [] as string[]);
    const owned = (name: string): boolean => clipIds.some((id) => name.startsWith(`clip-${id}-`));
    await Promise.all([
      ...entries.filter(owned).map((name) => rm(path.join(this.root, name), { recursive: true, force: true })),
      ...frames.filter(owned).map((name) => rm(path.join(this.root, 'frames', name), { force: true })),
    ]);
  }

  close(): void {
    this.worker?.close();
    this.worker = null;
  }

  private async run(clipId: number, id: string, job: PreviewJob): Promise<PreviewRecord> {
    const started = performance.now();
    const saved = await this.readPreviewFile(job.outDir);
    const cached = saved !== null && existsSync(path.join(job.outDir, 'branches.f32'));
    let result: PreviewFile;
    if (cached) result = saved;
    else {
      await mkdir(job.outDir, { recursive: true });
      const progress = (stage: string, done: number, total: number): void => this.options.events.emit('previewProgress', { clipId, frame: job.input.frame, stage, done, total });
      const run = this.workerFor().start({ type: 'preview', job, keep: true }, { onProgress: (p) => progress(p.stage, p.done, p.total) });
      try {
        const ran = (await run.done) as PreviewResult;
        result = { settings: { fusion: job.fusion }, device: ran.device, timings: ran.timings, files: ran.files };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/stopped unexpectedly/.test(message)) this.worker = null;
        await rm(job.outDir, { recursive: true, force: true });
        throw new UserError(`The preview of frame ${job.input.frame} could not be made: ${describeFailure(message, this.root, 'export').replace(/, then export again/, '')}`);
      }
      void this.prune(clipId);
    }
    // The fused picture with the clip's fusion settings now, which may differ from the cached run's.
    const same = JSON.stringify(result.settings.fusion) === JSON.stringify(job.fusion);
    const fused = same ? result.files.fused : (await this.refuseInto(job.outDir, job.fusion)).out;
    return {
      id,
      clipId,
      frame: job.input.frame,
      pack: job.pack.manifest.name,
      scale: job.scale,
      device: result.device,
      width: job.input.width * job.scale,
      height: job.input.height * job.scale,
      sourceWidth: job.input.width,
      sourceHeight: job.input.height,
      images: {
        source: this.ref(path.join(job.outDir, 'lr.png')),
        base: this.ref(path.join(job.outDir, 'base.png')),
        drafts: result.files.drafts.map((f) => this.ref(path.join(job.outDir, path.basename(f)))),
        fused: this.ref(path.join(job.outDir, path.basename(fused))),
      },
      fusion: job.fusion,
      cached,
      ms: performance.now() - started,
      inferenceMs: cached ? null : result.timings.baseInference + result.timings.draftInference,
    };
  }

  private async refuseInto(dir: string, fusion: FusionSettings): Promise<{ out: string; fuseMs: number; writeMs: number }> {
    const out = path.join(dir, `fused-live-${++this.refused}.bmp`);
    try {
      const result = (await this.workerFor().start({ type: 'refuse-preview', dir, fusion, out }).done) as { fuseMs: number; writeMs: number };
      void this.pruneRefused(dir);
      return { out, ...result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/stopped unexpectedly/.test(message)) this.worker = null;
      throw new UserError(`The preview could not be fused again: ${describeFailure(message, this.root, 'export').replace(/, then export again/, '')}`);
    }
  }

  private media(clipId: number): MediaInfo {
    const media = this.options.library.clips.media(clipId);
    if (!media) throw new NotFoundError(`There is no clip ${clipId} in this library.`);
    return media;
  }

  private workerFor(): InferenceWorker {
    this.worker ??= this.options.workers();
    return this.worker;
  }

  private ref(file: string): string {
    return `previews/${path.relative(this.root, file).split(path.sep).join('/')}`;
  }

  private async readPreviewFile(dir: string): Promise<PreviewFile | null> {
    try {
      return JSON.parse(await readFile(path.join(dir, 'preview.json'), 'utf8')) as PreviewFile;
    } catch {
      return null;
    }
  }

  /** Keeps the clip's newest previews. */
  private async prune(clipId: number): Promise<void> {
    const names = (await readdir(this.root).catch(() => [] as string[])).filter((n) => n.startsWith(`clip-${clipId}-`));
    const dated = await Promise.all(names.map(async (name) => ({ name, at: (await stat(path.join(this.root, name)).catch(() => null))?.mtimeMs ?? 0 })));
    const old = dated.sort((a, b) => b.at - a.at).slice(KEPT_PER_CLIP);
    await Promise.all(old.filter((o) => !this.inFlight.has(o.name)).map((o) => rm(path.join(this.root, o.name), { recursive: true, force: true })));
  }

  private async pruneFrames(folder: string): Promise<void> {
    const names = await readdir(folder).catch(() => [] as string[]);
    if (names.length <= KEPT_FRAMES) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, at: (await stat(path.join(folder, name)).catch(() => null))?.mtimeMs ?? 0 })));
    await Promise.all(dated.sort((a, b) => b.at - a.at).slice(KEPT_FRAMES).map((o) => rm(path.join(folder, o.name), { force: true })));
  }

  private async pruneRefused(dir: string): Promise<void> {
    const live = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^fused-live-\d+\.bmp$/.test(n));
    const old = live.sort((a, b) => Number(/\d+/.exec(b)![0]) - Number(/\d+/.exec(a)![0])).slice(KEPT_REFUSED);
    await Promise.all(old.map((name) => rm(path.join(dir, name), { force: true })));
  }
}

function checkFrame(media: MediaInfo, frame: number): void {
  if (frame >= media.frames) throw new UserError(`Frame ${frame} is out of range: ${path.basename(media.path)} has ${media.frames} frames (0 to ${media.frames - 1}).`);
}
