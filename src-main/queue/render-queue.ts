// The render queue: renders start highest priority first, then in the order they were queued,
// on as many workers per device as the library allows. Each running render belongs to one worker
// process; its finished segments are recorded as they land, so pausing, a crash or a power cut
// costs at most the segment in flight. A worker that dies is replaced and its render retried once
// (resuming from its segments); a second death fails the render with the reason.
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../../src-shared/api/api-error.js';
import type { QueueState, RenderProgress, RenderRecord, RenderStatus } from '../../src-shared/api/library-records.js';
import { DeviceSchema, type Device } from '../../src-shared/jobs/engine-settings.js';
import type { RenderResult } from '../../src-shared/jobs/render-job.js';
import { effectiveSettings, type ClipSettings } from '../../src-shared/library/clip-settings.js';
import { UserError } from '../../src-shared/user-error.js';
import type { EventBus } from '../api/event-bus.js';
import type { Library } from '../library/library.js';
import type { PackEntry } from '../packs/pack-catalog.js';
import { choosePack } from '../preview/prepare-preview.js';
import { WORKER_DIED, type InferenceWorker, type WorkerFactory } from '../worker/inference-worker.js';
import { describeFailure } from './describe-failure.js';
import { renderForClip } from './render-for-clip.js';
import { renderJobFor } from './render-job-for.js';
import { WorkerPool } from './worker-pool.js';

const DEVICES: Device[] = DeviceSchema.options;
const CHECK_IN_MS = 5_000;

export interface RenderQueueOptions {
  library: Library;
  events: EventBus;
  ffmpeg: string;
  packs(): Promise<PackEntry[]>;
  workers: WorkerFactory;
  pid?: number;
}

/** Why a running render is being stopped: it then becomes paused, cancelled, or queued again. */
type StopReason = 'pause' | 'cancel' | 'requeue';

interface Running {
  renderId: number;
  device: Device;
  worker: InferenceWorker | null;
  requestId: string | null;
  stop: StopReason | null;
  finished: Promise<void>;
}

export class RenderQueue {
  private readonly library: Library;
  private readonly events: EventBus;
  private readonly pid: number;
  private readonly running = new Map<number, Running>();
  private readonly workers: WorkerPool;
  private readonly live = new Map<number, RenderProgress>();
  private readonly crashes = new Map<number, number>();
  private checkIn: NodeJS.Timeout | null = null;
  private active = false;

  constructor(private readonly options: RenderQueueOptions) {
    this.library = options.library;
    this.events = options.events;
    this.pid = options.pid ?? process.pid;
    this.workers = new WorkerPool(options.workers);
  }

  /** Takes the library's queue for this process and starts rendering what is waiting. */
  start(): void {
    if (this.active) return;
    const claim = this.library.queue.claim(this.pid, isAlive);
    if (!claim.claimed) throw new UserError(`Another Specula (process ${claim.holder}) is rendering this library; close it, or use that one.`);
    this.active = true;
    // Renders a crash left "running" resume from their last complete segment.
    for (const id of this.library.renders.requeueInterrupted()) this.emitRender(id);
    this.checkIn = setInterval(() => this.library.queue.checkIn(this.pid), CHECK_IN_MS);
    this.checkIn.unref();
    this.pump();
  }

  /** Stops every running render (each keeps its finished segments and goes back to the queue) and lets go of the queue. */
  async stop({ pauseQueue }: { pauseQueue: boolean }): Promise<void> {
    if (!this.active) return;
    if (pauseQueue) this.library.queue.setPaused(true);
    this.active = false;
    await Promise.all([...this.running.values()].map((r) => this.stopRunning(r, 'requeue')));
    this.workers.closeAll();
    if (this.checkIn) clearInterval(this.checkIn);
    this.library.queue.release(this.pid);
  }

  /** Queues each clip with its current settings (see `renderFor` for what happens to earlier renders). */
  async queueClips(clipIds: number[], priority: number): Promise<RenderRecord[]> {
    const packs = await this.options.packs();
    const defaults = this.library.settings.defaults();
    const records: RenderRecord[] = [];
    for (const clipId of clipIds) {
      const media = this.library.clips.media(clipId);
      const overrides = this.library.clips.overrides(clipId);
      if (!media || !overrides) throw new NotFoundError(`There is no clip ${clipId} in this library.`);
      records.push(this.renderFor(clipId, effectiveSettings(defaults, overrides), priority, packs));
    }
    this.pump();
    this.emitQueue();
    return records.map((r) => this.record(r.id));
  }

  private renderFor(clipId: number, settings: ClipSettings, priority: number, packs: PackEntry[]): RenderRecord {
    const latest = this.library.renders.latestForClip(clipId);
    const decision = renderForClip(latest, settings, (id) => this.segmentsOnDisk(id));
    if (latest && decision === 'keep') return latest;
    if (latest && decision === 'requeue') {
      this.library.renders.setStatus(latest.id, 'queued');
      this.emitRender(latest.id);
      return latest;
    }
    const media = this.library.clips.media(clipId)!;
    const pack = choosePack(packs, settings.pack);
    // Building the job checks the settings against the clip and the pack before anything is saved.
    const job = renderJobFor(settings, media, pack, this.options.ffmpeg, this.library.settings.renderFolder());
    const id = this.library.transaction(() =>
      this.library.renders.create({
        clipId,
        priority,
        settings,
        workDirFor: (renderId) => path.join(this.library.settings.renderFolder(), `render-${renderId}`),
        width: media.width * job.scale,
        height: media.height * job.scale,
        framesTotal: job.range.end - job.range.start,
      }),
    );
    this.emitRender(id);
    return this.record(id);
  }

  private segmentsOnDisk(id: number): boolean {
    const workDir = this.library.renders.workDir(id)!;
    return this.library.renders.segments(id).every((s) => existsSync(path.join(workDir, s.file)));
  }

  async pause(id: number): Promise<RenderRecord> {
    const record = this.record(id);
    const running = this.running.get(id);
    if (running) await this.stopRunning(running, 'pause');
    else if (record.status === 'queued') this.setStatus(id, 'paused');
    else if (record.status !== 'paused') throw new ConflictError(`Render ${id} is ${record.status}; only a queued or running render can be paused.`);
    return this.record(id);
  }

  resume(id: number): RenderRecord {
    const record = this.record(id);
    if (record.status === 'paused' || record.status === 'failed') {
      this.crashes.delete(id);
      this.setStatus(id, 'queued');
      this.pump();
    } else if (record.status === 'done' || record.status === 'cancelled') {
      throw new ConflictError(`Render ${id} is ${record.status}; queue the clip again to make a new render.`);
    }
    return this.record(id);
  }

  async cancel(id: number): Promise<RenderRecord> {
    const record = this.record(id);
    const running = this.running.get(id);
    if (running) await this.stopRunning(running, 'cancel');
    else if (record.status === 'done') throw new ConflictError(`Render ${id} is finished; remove it with its clip instead.`);
    else if (record.status !== 'cancelled') await this.discard(id);
    return this.record(id);
  }

  setPriority(id: number, priority: number): RenderRecord {
    this.record(id);
    this.library.renders.setPriority(id, priority);
    this.emitRender(id);
    return this.record(id);
  }

  /** Pauses the whole queue: running renders stop at once (keeping their segments) and wait, first in line, for resumeAll. */
  async pauseAll(): Promise<QueueState> {
    this.library.queue.setPaused(true);
    await Promise.all([...this.running.values()].map((r) => this.stopRunning(r, 'requeue')));
    this.emitQueue();
    return this.state();
  }

  resumeAll(): QueueState {
    this.library.queue.setPaused(false);
    this.pump();
    this.emitQueue();
    return this.state();
  }

  /** Empties the queue: every render waiting, running or paused is cancelled. */
  async cancelAll(): Promise<QueueState> {
    const unfinished = this.library.renders.list({ status: ['queued', 'running', 'paused'] });
    await Promise.all(unfinished.map((r) => this.cancel(r.id)));
    this.emitQueue();
    return this.state();
  }

  setConcurrency(device: Device, workers: number): QueueState {
    this.library.queue.setConcurrency(device, workers);
    this.pump();
    this.emitQueue();
    return this.state();
  }

  state(): QueueState {
    const frames = this.library.renders.activeFrames();
    let liveDone = 0;
    for (const [id, progress] of this.live) liveDone += progress.done - (this.library.renders.record(id)?.progress.done ?? 0);
    return {
      paused: this.library.queue.paused(),
      concurrency: this.library.queue.concurrency(),
      counts: this.library.renders.counts(),
      framesDone: frames.done + liveDone,
      framesTotal: frames.total,
    };
  }

  /** A render as stored, with the running one's live progress. */
  record(id: number): RenderRecord {
    const record = this.library.renders.record(id);
    if (!record) throw new NotFoundError(`There is no render ${id} in this library.`);
    const live = this.live.get(id);
    return live && record.status === 'running' ? { ...record, progress: live } : record;
  }

  /** Resolves when none of these renders is queued or running any more. */
  whenSettled(ids: number[]): Promise<void> {
    const waiting = (): boolean => ids.some((id) => ['queued', 'running'].includes(this.library.renders.record(id)?.status ?? 'done'));
    if (!waiting()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = this.events.subscribe((event) => {
        if (event === 'renderChanged' && !waiting()) {
          unsubscribe();
          resolve();
        }
      });
    });
  }

  private pump(): void {
    if (!this.active || this.library.queue.paused()) return;
    const concurrency = this.library.queue.concurrency();
    for (;;) {
      const free = DEVICES.filter((d) => [...this.running.values()].filter((r) => r.device === d).length < concurrency[d]);
      const id = this.library.renders.nextWaiting(free);
      if (id === null) return;
      this.launch(id);
    }
  }

  /** Marks the render running at once (so the next pump skips it), then runs it. */
  private launch(id: number): void {
    const record = this.library.renders.record(id)!;
    const device = record.settings.device;
    this.library.renders.markRunning(id, device);
    const entry: Running = { renderId: id, device, worker: null, requestId: null, stop: null, finished: Promise.resolve() };
    this.running.set(id, entry);
    this.emitRender(id);
    this.emitQueue();
    entry.finished = this.execute(entry, record)
      .catch((error: unknown) => this.fail(id, error instanceof Error ? error.message : String(error)))
      .finally(() => {
        this.running.delete(id);
        this.live.delete(id);
        if (this.library.db.open) {
          this.emitRender(id);
          this.pump();
          this.emitQueue();
        }
      });
  }

  private async execute(entry: Running, record: RenderRecord): Promise<void> {
    const id = record.id;
    const media = this.library.clips.media(record.clipId)!;
    if (!(await stat(media.path).catch(() => null))) {
      this.fail(id, `The source clip ${media.path} is missing; put it back (or remove the clip from the library), then resume.`);
      return;
    }
    const workDir = this.library.renders.workDir(id)!;
    let job;
    try {
      job = renderJobFor(record.settings, media, choosePack(await this.options.packs(), record.settings.pack), this.options.ffmpeg, workDir);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.fail(id, error.message);
      return;
    }
    if (entry.stop) return this.settleStop(entry);
    const worker = this.workers.take(entry.device);
    entry.worker = worker;
    const started = worker.start(
      { type: 'render', job },
      {
        onProgress: (p) => {
          const progress = { stage: p.stage, done: p.done, total: p.total, fps: p.fps ?? null, etaSeconds: p.etaSeconds ?? null };
          this.live.set(id, progress);
          this.events.emit('renderProgress', { id, clipId: record.clipId, progress });
        },
        onSegment: (segment) => {
          if (!this.library.db.open) return;
          this.library.renders.addSegment(id, segment);
          this.events.emit('segmentDone', { renderId: id, clipId: record.clipId, segment });
          this.emitRender(id);
        },
      },
    );
    entry.requestId = started.id;
    if (entry.stop) worker.cancel(started.id);
    let result: RenderResult;
    try {
      result = (await started.done) as RenderResult;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const died = WORKER_DIED.test(message);
      if (!died) this.workers.giveBack(entry.device, worker);
      if (entry.stop) return this.settleStop(entry);
      if (died) return this.workerDied(id, message);
      this.fail(id, describeFailure(message, workDir, 'render'));
      return;
    }
    this.workers.giveBack(entry.device, worker);
    this.library.transaction(() => {
      // Segments a resumed run reused were recorded by the run that made them, unless it died first.
      for (const segment of result.segments) this.library.renders.addSegment(id, segment);
      this.library.renders.finish(id, { seconds: result.seconds, inferenceMs: result.inferenceMs, device: result.device });
    });
    this.crashes.delete(id);
  }

  private workerDied(id: number, message: string): void {
    const crashes = (this.crashes.get(id) ?? 0) + 1;
    this.crashes.set(id, crashes);
    const cause = /\(([^)]*)\)\s*$/.exec(message)?.[1] ?? message;
    if (crashes > 1) this.fail(id, `The inference worker stopped unexpectedly twice on this render (${cause}); resume it to try again — finished segments are kept.`);
    else this.setStatus(id, 'queued');
  }

  private stopRunning(entry: Running, reason: StopReason): Promise<void> {
    // A cancel outranks a pause that is already under way.
    if (entry.stop !== 'cancel') entry.stop = reason;
    if (entry.worker && entry.requestId) entry.worker.cancel(entry.requestId);
    return entry.finished;
  }

  private async settleStop(entry: Running): Promise<void> {
    if (entry.stop === 'cancel') await this.discard(entry.renderId);
    else this.setStatus(entry.renderId, entry.stop === 'pause' ? 'paused' : 'queued');
  }

  /** A cancelled render's segments go: they are no use to anything. */
  private async discard(id: number): Promise<void> {
    const workDir = this.library.renders.workDir(id);
    this.library.transaction(() => {
      this.library.renders.deleteSegments(id);
      this.library.renders.setStatus(id, 'cancelled');
    });
    if (workDir) await rm(workDir, { recursive: true, force: true });
    this.emitRender(id);
  }

  private fail(id: number, message: string): void {
    if (!this.library.db.open) return;
    this.library.renders.setStatus(id, 'failed', message);
  }

  private setStatus(id: number, status: RenderStatus): void {
    this.library.renders.setStatus(id, status);
    this.emitRender(id);
    this.emitQueue();
  }

  private emitRender(id: number): void {
    const record = this.library.renders.record(id);
    if (record) this.events.emit('renderChanged', this.record(id));
  }

  private emitQueue(): void {
    this.events.emit('queueChanged', this.state());
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
