// Entry of the inference thread: it owns the pack's onnxruntime sessions, whose run() blocks the
// thread it runs on, and upscales the frames it is sent into every branch (tiles cross-faded).
import { parentPort } from 'node:worker_threads';
import type { SamplerSettings } from '../../src-shared/jobs/sampler-settings.js';
import type { AnyVariant } from '../../src-shared/packs/pack-manifest.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import type { Device, ExecutionRequest } from './execution.js';
import { openRunner, type PackRef } from './open-runner.js';
import type { TileSettings } from './tiled-upscale.js';
import type { ClipStart, VariantRunner } from './variant-runner.js';

export type InferenceThreadRequest =
  | { type: 'open'; pack: PackRef; variant: AnyVariant; execution: ExecutionRequest; tiles: TileSettings }
  /** A clip begins (latent packs: timesteps, degradation estimate from its first frame, fresh state). */
  | { type: 'clip'; id: number; first: { width: number; height: number; data: Float32Array } | null; settings: SamplerSettings; offset: number }
  /**
   * One frame, `index` its place in the clip. `watch` (a preview): the thread also reports each
   * tile done, and sends each branch as soon as it is complete (the base while the drafts run).
   */
  | { type: 'frame'; id: number; index: number; width: number; height: number; data: Float32Array; watch?: boolean }
  /** A temporal window for a multi-frame or stateful pack: its frames in order, from clip frame `start`. */
  | { type: 'window'; id: number; start: number; width: number; height: number; frames: Float32Array[] }
  | { type: 'close' }
  /** Frames not yet started are dropped; the one running finishes (onnxruntime cannot be stopped mid-run). */
  | { type: 'cancel' };

export type InferenceThreadReply =
  /** The thread's modules, onnxruntime among them, are loaded. */
  | { type: 'ready' }
  | { type: 'opened'; device: Device }
  | { type: 'notice'; message: string }
  | { type: 'clip'; id: number; start: ClipStart | null }
  /** Branches already sent on their own (`branch`) come back empty here. */
  | { type: 'frame'; id: number; branches: Float32Array[]; runMs: number; hostMs: number }
  | { type: 'tile'; id: number; done: number; total: number }
  /** A watched frame's branch, sent once complete; `runMs`: time in onnxruntime so far in this frame. */
  | { type: 'branch'; id: number; index: number; data: Float32Array; runMs: number }
  /** Per frame of the window, its branches. */
  | { type: 'window'; id: number; frames: Float32Array[][]; runMs: number }
  | { type: 'closed' }
  | { type: 'error'; id?: number; message: string };

const port = parentPort!;
let runner: VariantRunner | null = null;
let queue = Promise.resolve();
let cancelled = false;

port.on('message', (request: InferenceThreadRequest) => {
  if (request.type === 'cancel') cancelled = true;
  else queue = queue.then(() => handle(request));
});
port.postMessage({ type: 'ready' } satisfies InferenceThreadReply);

async function upscaleFrame(runner: VariantRunner, request: Extract<InferenceThreadRequest, { type: 'frame' }>): Promise<void> {
  const { id, watch } = request;
  const before = { run: runner.runMs(), host: runner.hostMs };
  const frame = { width: request.width, height: request.height, data: request.data };
  const sent = new Set<number>();
  const onTile = watch ? (done: number, total: number): void => port.postMessage({ type: 'tile', id, done, total } satisfies InferenceThreadReply) : undefined;
  const onBranch = watch
    ? (index: number, branch: PlanarFrame): void => {
        sent.add(index);
        port.postMessage({ type: 'branch', id, index, data: branch.data, runMs: runner.runMs() - before.run } satisfies InferenceThreadReply, [branch.data.buffer as ArrayBuffer]);
      }
    : undefined;
  const branches = (await runner.upscaleFrame(frame, request.index, onTile, onBranch)).map((b, index) => (sent.has(index) ? new Float32Array(0) : b.data));
  const reply: InferenceThreadReply = { type: 'frame', id, branches, runMs: runner.runMs() - before.run, hostMs: runner.hostMs - before.host };
  port.postMessage(reply, branches.filter((b) => b.length > 0).map((b) => b.buffer as ArrayBuffer));
}

async function handle(request: InferenceThreadRequest): Promise<void> {
  try {
    if (request.type === 'open') {
      runner = await openRunner(request.pack, request.variant, request.execution, request.tiles, (message) => port.postMessage({ type: 'notice', message }));
      port.postMessage({ type: 'opened', device: runner.device });
    } else if (request.type === 'clip') {
      if (!runner) throw new Error('no pack is open');
      port.postMessage({ type: 'clip', id: request.id, start: await runner.startClip(request.first, request.settings, request.offset) });
    } else if (request.type === 'frame') {
      if (!runner) throw new Error('no pack is open');
      if (cancelled) throw new Error('cancelled');
      await upscaleFrame(runner, request);
    } else if (request.type === 'window') {
      if (!runner) throw new Error('no pack is open');
      if (cancelled) throw new Error('cancelled');
      const before = runner.runMs();
      const frames = request.frames.map((data) => ({ width: request.width, height: request.height, data }));
      const result = (await runner.upscaleWindow(frames, request.start)).map((branches) => branches.map((b) => b.data));
      const reply: InferenceThreadReply = { type: 'window', id: request.id, frames: result, runMs: runner.runMs() - before };
      port.postMessage(reply, result.flat().map((b) => b.buffer as ArrayBuffer));
    } else {
      await runner?.release();
      runner = null;
      port.postMessage({ type: 'closed' });
    }
  } catch (error) {
    const id = request.type === 'frame' || request.type === 'window' || request.type === 'clip' ? request.id : undefined;
    port.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
