// Two helper threads for the work a job does beside the models: the fusion (the red and green
// planes ride one complex transform on one helper, the blue plane goes to the other) and PNG
// files. They run at a lower priority (helper-priority.ts): while the models upscale the next
// frame, or the preview's drafts run, this work takes only the time the models leave, and the
// worker's own thread stays free for the pipes. The helpers start on first use and keep the
// process alive only while busy.
import type { Worker } from 'node:worker_threads';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { joinPlanes, planesOf } from '../fusion/fuse-frames.js';
import { startThread } from '../start-thread.js';
import type { HelperReply, HelperRequest } from './helper-jobs.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class HelperThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (planes: Float32Array[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  failed = false;

  constructor() {
    this.worker = startThread(new URL('./helper-thread-main.js', import.meta.url));
    this.worker.on('message', (reply: HelperReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.planes ?? []);
    });
    this.worker.on('error', (error) => {
      this.failed = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
    // Idle, a helper never keeps the process alive; it is held while a request is out. (After the
    // listeners: attaching a 'message' listener refs the port again.)
    this.worker.unref();
  }

  get busy(): number {
    return this.pending.size;
  }

  /** Sends a request whose buffers move to the helper (the caller passes copies it can give up). */
  request(body: DistributiveOmit<HelperRequest, 'id'>, transfer: ArrayBuffer[]): Promise<Float32Array[]> {
    const id = this.nextId++;
    const result = new Promise<Float32Array[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.ref();
    this.worker.postMessage({ ...body, id }, transfer);
    return result;
  }
}

const helpers: HelperThread[] = [];

function helper(k: number): HelperThread {
  if (!helpers[k] || helpers[k].failed) helpers[k] = new HelperThread();
  return helpers[k];
}

/**
 * Starts the helpers ahead of their first job (each takes a few tens of milliseconds) and has them
 * warm the PNG writer, and when a fusion will follow, build its FFT plan and mask for that frame
 * size, meanwhile.
 */
export function warmHelpers(fusion?: { width: number; height: number; settings: FusionSettings }): void {
  for (const k of [0, 1]) helper(k).request({ kind: 'prepare', ...(fusion ? { fusion } : {}) }, []).catch(() => undefined);
}

export async function fuseFramesParallel(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): Promise<PlanarFrame> {
  const { width, height } = base;
  if (draft.width !== width || draft.height !== height) throw new Error('base and draft sizes differ');
  const [baseR, baseG, baseB] = planesOf(base).map((p) => p.slice()) as [Float32Array, Float32Array, Float32Array];
  const [draftR, draftG, draftB] = planesOf(draft).map((p) => p.slice()) as [Float32Array, Float32Array, Float32Array];
  const [redGreen, blue] = await Promise.all([
    helper(0).request({ kind: 'fuse', base: [baseR, baseG], draft: [draftR, draftG], width, height, settings }, [baseR.buffer, baseG.buffer, draftR.buffer, draftG.buffer] as ArrayBuffer[]),
    helper(1).request({ kind: 'fuse', base: [baseB], draft: [draftB], width, height, settings }, [baseB.buffer, draftB.buffer] as ArrayBuffer[]),
  ]);
  return joinPlanes(width, height, [...redGreen, ...blue]);
}

/** Writes the frame as an 8-bit PNG on the less busy helper; the caller keeps its frame. */
export async function writePngBesideModels(path: string, frame: PlanarFrame): Promise<void> {
  const thread = helper(helper(0).busy < helper(1).busy ? 0 : 1);
  const copy = { ...frame, data: frame.data.slice() };
  await thread.request({ kind: 'png', path, frame: copy }, [copy.data.buffer as ArrayBuffer]);
}
