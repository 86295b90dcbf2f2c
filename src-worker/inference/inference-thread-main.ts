// Entry of the inference thread: it owns the pack's onnxruntime sessions, whose run() blocks the
// thread it runs on, and upscales the frames it is sent into every branch (tiles cross-faded).
import { parentPort } from 'node:worker_threads';
import type { PackVariant } from '../../src-shared/packs/pack-manifest.js';
import type { Device, ExecutionRequest } from './execution.js';
import { openVariant, type OpenedVariant } from './pack-sessions.js';
import { upscaleTiled, upscaleWindowTiled, type TileSettings } from './tiled-upscale.js';

export type InferenceThreadRequest =
  | { type: 'open'; packDir: string; variant: PackVariant; execution: ExecutionRequest; tiles: TileSettings }
  | { type: 'frame'; id: number; width: number; height: number; data: Float32Array }
  /** A temporal window for a multi-frame pack: its frames in order. */
  | { type: 'window'; id: number; width: number; height: number; frames: Float32Array[] }
  | { type: 'close' }
  /** Frames not yet started are dropped; the one running finishes (onnxruntime cannot be stopped mid-run). */
  | { type: 'cancel' };

export type InferenceThreadReply =
  | { type: 'opened'; device: Device }
  | { type: 'notice'; message: string }
  | { type: 'frame'; id: number; branches: Float32Array[]; runMs: number }
  /** Per frame of the window, its branches. */
  | { type: 'window'; id: number; frames: Float32Array[][]; runMs: number }
  | { type: 'closed' }
  | { type: 'error'; id?: number; message: string };

const port = parentPort!;
let opened: { sessions: OpenedVariant; variant: PackVariant; tiles: TileSettings } | null = null;
let queue = Promise.resolve();
let cancelled = false;

port.on('message', (request: InferenceThreadRequest) => {
  if (request.type === 'cancel') cancelled = true;
  else queue = queue.then(() => handle(request));
});

async function handle(request: InferenceThreadRequest): Promise<void> {
  try {
    if (request.type === 'open') {
      const sessions = await openVariant(request.packDir, request.variant, request.execution, (message) => port.postMessage({ type: 'notice', message }));
      opened = { sessions, variant: request.variant, tiles: request.tiles };
      port.postMessage({ type: 'opened', device: sessions.device });
    } else if (request.type === 'frame') {
      if (!opened) throw new Error('no pack is open');
      if (cancelled) throw new Error('cancelled');
      const before = runMs(opened.sessions);
      const frame = { width: request.width, height: request.height, data: request.data };
      const result = await upscaleTiled(frame, opened.variant, opened.sessions, opened.tiles);
      const branches = result.branches.map((b) => b.data);
      const reply: InferenceThreadReply = { type: 'frame', id: request.id, branches, runMs: runMs(opened.sessions) - before };
      port.postMessage(reply, branches.map((b) => b.buffer as ArrayBuffer));
    } else if (request.type === 'window') {
      if (!opened) throw new Error('no pack is open');
      if (cancelled) throw new Error('cancelled');
      const before = runMs(opened.sessions);
      const frames = request.frames.map((data) => ({ width: request.width, height: request.height, data }));
      const result = (await upscaleWindowTiled(frames, opened.variant, opened.sessions, opened.tiles)).map((branches) => branches.map((b) => b.data));
      const reply: InferenceThreadReply = { type: 'window', id: request.id, frames: result, runMs: runMs(opened.sessions) - before };
      port.postMessage(reply, result.flat().map((b) => b.buffer as ArrayBuffer));
    } else {
      await opened?.sessions.release();
      opened = null;
      port.postMessage({ type: 'closed' });
    }
  } catch (error) {
    port.postMessage({ type: 'error', id: request.type === 'frame' || request.type === 'window' ? request.id : undefined, message: error instanceof Error ? error.message : String(error) });
  }
}

function runMs(sessions: OpenedVariant): number {
  return [sessions.base, ...sessions.drafts].reduce((sum, s) => sum + s.runMs, 0);
}
