// The render's handle on its inference thread: frames go in (transferred, not copied), every
// branch comes back, and the thread's blocking onnxruntime runs never stall decode, fusion or
// the encoder pipes on the worker's own thread.
import type { Worker } from 'node:worker_threads';
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import type { AnyVariant } from '../../src-shared/packs/pack-manifest.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { startThread } from '../start-thread.js';
import type { Device, ExecutionRequest } from './execution.js';
import type { InferenceThreadReply, InferenceThreadRequest } from './inference-thread-main.js';
import type { PackRef } from './open-runner.js';
import type { TileSettings } from './tiled-upscale.js';
import type { ClipStart } from './variant-runner.js';

/** What a thread opens: one variant of a pack, on a device, with the render's tiles. */
export interface ThreadSpec {
  pack: PackRef;
  variant: AnyVariant;
  execution: ExecutionRequest;
  tiles: TileSettings;
}

export interface UpscaledFrame {
  branches: PlanarFrame[];
  runMs: number;
  /** Milliseconds on the thread outside onnxruntime: tiles and cross-fades. */
  hostMs: number;
}

/** A preview follows its frame through the thread. */
export interface FrameWatch {
  onTile?(done: number, total: number): void;
  /** A branch as soon as it is complete (the base while the drafts still run); `runMs` in onnxruntime on this frame so far. */
  onBranch?(index: number, branch: PlanarFrame, runMs: number): void;
}

type RawFrame = { branches: Float32Array[]; runMs: number; hostMs: number } | { frames: Float32Array[][]; runMs: number } | { start: ClipStart | null };

export interface UpscaledWindow {
  /** Per frame of the window, its branches (base first). */
  frames: PlanarFrame[][];
  runMs: number;
}

export class InferenceThread {
  private readonly pending = new Map<number, { resolve(frame: RawFrame): void; reject(error: Error): void }>();
  /** Watched frames: their callbacks, and the branches the thread already sent. */
  private readonly watched = new Map<number, { watch: FrameWatch; size: { width: number; height: number }; early: Map<number, Float32Array> }>();
  private nextId = 1;
  private failure: Error | null = null;
  private stopping: Promise<void> | null = null;
  private whenOpened: { resolve(device: Device): void; reject(error: Error): void } | null = null;
  private whenClosed: (() => void) | null = null;
  device: Device = 'cpu';
  private scale = 1;

  /** Where the thread's notices go: the render using it. Until one takes it, they wait here. */
  private noticeSink: ((message: string) => void) | null = null;
  private readonly heldNotices: string[] = [];

  /**
   * Settles once the thread has loaded its modules (onnxruntime's among them), or failed: a
   * process that exits while a thread is still loading onnxruntime aborts with a native error.
   */
  readonly loaded: Promise<void>;
  private whenLoaded: (() => void) | null = null;
  /** Whether the holder wants the thread to keep the process alive (see keepProcessAlive). */
  private wantsAlive = true;
  /** Loading onnxruntime and opening sessions in progress: the process must not end under them. */
  private busy = 1;

  private constructor(private readonly worker: Worker) {
    this.loaded = new Promise<void>((resolve) => (this.whenLoaded = resolve)).finally(() => this.settleBusy());
    worker.on('message', (reply: InferenceThreadReply) => {
      if (reply.type === 'ready') this.whenLoaded?.();
      else if (reply.type === 'notice') this.notice(reply.message);
      else if (reply.type === 'opened') this.whenOpened?.resolve(reply.device);
      else if (reply.type === 'closed') this.whenClosed?.();
      else if (reply.type === 'tile') this.watched.get(reply.id)?.watch.onTile?.(reply.done, reply.total);
      else if (reply.type === 'branch') this.earlyBranch(reply.id, reply.index, reply.data, reply.runMs);
      else if (reply.type === 'frame') this.settle(reply.id, { branches: reply.branches, runMs: reply.runMs, hostMs: reply.hostMs });
      else if (reply.type === 'window') this.settle(reply.id, { frames: reply.frames, runMs: reply.runMs });
      else if (reply.type === 'clip') this.settle(reply.id, { start: reply.start });
      else if (reply.id !== undefined) this.settle(reply.id, new Error(reply.message));
      else this.fail(new Error(reply.message));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the inference thread stopped')));
  }

  /** A thread with nothing open yet: it loads onnxruntime meanwhile. */
  static start(): InferenceThread {
    return new InferenceThread(startThread(new URL('./inference-thread-main.js', import.meta.url)));
  }

  /** Opens the pack's models on the thread (once per thread). */
  async open(spec: ThreadSpec): Promise<void> {
    if (this.failure) throw this.failure;
    this.scale = spec.variant.scale;
    const opened = new Promise<Device>((resolve, reject) => (this.whenOpened = { resolve, reject }));
    this.busy += 1;
    this.applyKeepAlive();
    this.post({ type: 'open', pack: { dir: spec.pack.dir, manifest: spec.pack.manifest }, variant: spec.variant, execution: spec.execution, tiles: spec.tiles });
    try {
      this.device = await opened;
    } finally {
      this.settleBusy();
    }
  }

  /** False once the thread failed, was cancelled or closed: it cannot be used again. */
  get usable(): boolean {
    return this.failure === null;
  }

  /** Whether the thread keeps the process alive; one held idle for a next render does not. */
  keepProcessAlive(keep: boolean): void {
    this.wantsAlive = keep;
    this.applyKeepAlive();
  }

  /**
   * A thread still loading onnxruntime or opening sessions keeps the process alive whatever its
   * holder wants: a process that ends then aborts (for instance a worker whose host left at once,
   * before it had set up anything to wait for the thread).
   */
  private applyKeepAlive(): void {
    if (this.wantsAlive || this.busy > 0) this.worker.ref();
    else this.worker.unref();
  }

  private settleBusy(): void {
    this.busy -= 1;
    this.applyKeepAlive();
  }

  /** Sends the thread's notices to `sink` from now on, starting with any it gave before; null holds them. */
  noticesTo(sink: ((message: string) => void) | null): void {
    this.noticeSink = sink;
    if (sink) for (const message of this.heldNotices.splice(0)) sink(message);
  }

  private notice(message: string): void {
    if (this.noticeSink) this.noticeSink(message);
    else this.heldNotices.push(message);
  }

  /**
   * Starts a clip (latent packs fix their timesteps, estimate degradation from `first` when the
   * pack has an estimator, and clear recurrent state); `offset` is the source index of the clip's
   * first frame. Null for pixel packs.
   */
  async startClip(first: PlanarFrame | null, settings: SamplerSettings, offset: number): Promise<ClipStart | null> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const result = new Promise<RawFrame>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.post({ type: 'clip', id, first, settings, offset });
    const reply = await result;
    return 'start' in reply ? reply.start : null;
  }

  /**
   * Upscales frame `index` of the clip; the frame's buffer moves to the thread and must not be
   * used after. `watch` hears of each tile and each branch as they are done.
   */
  upscale(frame: PlanarFrame, index: number, watch?: FrameWatch): Promise<UpscaledFrame> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const size = { width: frame.width * this.scale, height: frame.height * this.scale };
    const early = new Map<number, Float32Array>();
    if (watch) this.watched.set(id, { watch, size, early });
    const result = new Promise<RawFrame>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.post({ type: 'frame', id, index, width: frame.width, height: frame.height, data: frame.data, ...(watch ? { watch: true } : {}) }, [frame.data.buffer as ArrayBuffer]);
    const upscaled = result
      .then((r) => ({
        runMs: 'runMs' in r ? r.runMs : 0,
        hostMs: 'hostMs' in r ? r.hostMs : 0,
        branches: 'branches' in r ? r.branches.map((data, b) => ({ ...size, data: early.get(b) ?? data })) : [],
      }))
      .finally(() => this.watched.delete(id));
    // A render that stops early never awaits the frames it had queued; their rejection is expected.
    upscaled.catch(() => undefined);
    return upscaled;
  }

  /** Upscales a temporal window starting at clip frame `start`; the frames' buffers move to the thread. */
  upscaleWindow(frames: PlanarFrame[], start: number): Promise<UpscaledWindow> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const { width, height } = frames[0]!;
    const size = { width: width * this.scale, height: height * this.scale };
    const result = new Promise<RawFrame>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.post({ type: 'window', id, start, width, height, frames: frames.map((f) => f.data) }, frames.map((f) => f.data.buffer as ArrayBuffer));
    const upscaled = result.then((r) => ({ runMs: 'runMs' in r ? r.runMs : 0, frames: 'frames' in r ? r.frames.map((branches) => branches.map((data) => ({ ...size, data }))) : [] }));
    // A render that stops early never awaits the frames it had queued; their rejection is expected.
    upscaled.catch(() => undefined);
    return upscaled;
  }

  /** Releases the sessions and ends the thread (at once, if it failed: nothing runs there then). */
  close(): Promise<void> {
    return (this.stopping ??= this.failure ? this.terminate() : this.releaseAndStop(new Error('closed')));
  }

  /**
   * Cancel: frames still queued are dropped, the run in progress finishes (terminating a thread
   * inside onnxruntime aborts the whole process), then the sessions are released.
   */
  cancel(): Promise<void> {
    return (this.stopping ??= this.failure ? this.terminate() : this.releaseAndStop(new Error('cancelled'), true));
  }

  private async releaseAndStop(reason: Error, cancel = false): Promise<void> {
    this.failure = reason;
    if (cancel) this.post({ type: 'cancel' });
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
    const closed = new Promise<void>((resolve) => (this.whenClosed = resolve));
    this.post({ type: 'close' });
    await closed;
    await this.terminate();
  }

  private async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private post(request: InferenceThreadRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private settle(id: number, outcome: RawFrame | Error): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (outcome instanceof Error) waiting?.reject(outcome);
    else waiting?.resolve(outcome);
  }

  private earlyBranch(id: number, index: number, data: Float32Array, runMs: number): void {
    const watching = this.watched.get(id);
    if (!watching) return;
    watching.early.set(index, data);
    watching.watch.onBranch?.(index, { ...watching.size, data }, runMs);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.whenLoaded?.();
    this.whenOpened?.reject(this.failure);
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
    this.whenClosed?.();
  }
}
