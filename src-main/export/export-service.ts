// Exports finished renders to MP4 files the user chose. The join runs in a worker process (it
// owns ffmpeg pipelines); when it is done, the file is read back and verified, and the result is
// stored on the export. Exports never overwrite a file unless told to.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../../src-shared/api/api-error.js';
import type { ExportRecord } from '../../src-shared/api/library-records.js';
import type { ExportResult } from '../../src-shared/jobs/export-job.js';
import type { EncodeSettings } from '../../src-shared/jobs/render-job.js';
import type { EventBus } from '../api/event-bus.js';
import type { Library } from '../library/library.js';
import { describeFailure } from '../queue/describe-failure.js';
import type { InferenceWorker, WorkerFactory } from '../worker/inference-worker.js';
import { verifyExport } from './verify-export.js';

export interface ExportRequest {
  renderId: number;
  target: string;
  encode: Partial<EncodeSettings>;
  overwrite: boolean;
}

export class ExportService {
  private worker: InferenceWorker | null = null;
  private readonly running = new Map<number, Promise<void>>();

  constructor(
    private readonly library: Library,
    private readonly events: EventBus,
    private readonly tools: { ffmpeg: string; ffprobe: string },
    private readonly workers: WorkerFactory,
  ) {}

  /** Starts the export and returns its record at once; exportChanged says when it ends. */
  async start(request: ExportRequest): Promise<ExportRecord> {
    const render = this.library.renders.record(request.renderId);
    if (!render) throw new NotFoundError(`There is no render ${request.renderId} in this library.`);
    if (render.status !== 'done') throw new ConflictError(`Render ${render.id} of ${render.clipName} is ${render.status}; only a finished render can be exported.`);
    const target = path.resolve(request.target);
    if (this.library.exports.runningTo(target) !== null) throw new ConflictError(`${target} is being written by another export; wait for it or choose another name.`);
    if (!request.overwrite && (await exists(target))) throw new ConflictError(`${target} already exists; choose another name, or allow overwriting it.`);
    const renderEncode: EncodeSettings = { codec: render.settings.codec, crf: render.settings.crf, preset: render.settings.preset };
    const encode: EncodeSettings = { ...renderEncode, ...request.encode };
    const id = this.library.exports.create(render.id, target, encode);
    this.emit(id);
    const run = this.run(id, render.id, target, renderEncode, encode, request.overwrite).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return this.library.exports.record(id)!;
  }

  /** Resolves when the export has ended, done or failed. */
  async finished(id: number): Promise<ExportRecord> {
    await this.running.get(id);
    const record = this.library.exports.record(id);
    if (!record) throw new NotFoundError(`There is no export ${id} in this library.`);
    return record;
  }

  async close(): Promise<void> {
    await Promise.all(this.running.values());
    this.worker?.close();
    this.worker = null;
  }

  private async run(id: number, renderId: number, target: string, renderEncode: EncodeSettings, encode: EncodeSettings, overwrite: boolean): Promise<void> {
    const render = this.library.renders.record(renderId)!;
    const workDir = this.library.renders.workDir(renderId)!;
    const media = this.library.clips.media(render.clipId)!;
    const range = { start: render.settings.trimIn, end: render.settings.trimOut ?? media.frames };
    try {
      this.worker ??= this.workers();
      const segments = this.library.renders.segments(renderId).map((s) => path.join(workDir, s.file));
      const result = (await this.worker.start({ type: 'export', job: { input: media, range, segments, renderEncode, encode, outPath: target, overwrite, ffmpeg: this.tools.ffmpeg } }).done) as ExportResult;
      const verification = await verifyExport(this.tools.ffprobe, target, { source: media, range, width: render.width, height: render.height });
      this.library.exports.finish(id, result.mode, verification);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/stopped unexpectedly/.test(message)) this.worker = null;
      if (this.library.db.open) this.library.exports.fail(id, describeFailure(message, path.dirname(target), 'export'));
    }
    if (this.library.db.open) this.emit(id);
  }

  private emit(id: number): void {
    const record = this.library.exports.record(id);
    if (record) this.events.emit('exportChanged', record);
  }
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
