// Fusion over two threads: the red and green planes ride one complex transform on the calling
// thread (pausing so its event loop keeps serving pipes), the blue plane goes to a helper thread
// at the same time. The helper starts on first use and keeps the process alive only while busy.
import type { Worker } from 'node:worker_threads';
import { startThread } from '../start-thread.js';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { fusePlanes, joinPlanes, planesOf, runYielding } from './fuse-frames.js';
import type { FusionThreadRequest } from './fusion-thread-main.js';

type Reply = { id: number; planes: Float32Array[] } | { id: number; error: string };

let helper: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (planes: Float32Array[]) => void; reject: (error: Error) => void }>();

function startHelper(): Worker {
  if (helper) return helper;
  const worker = startThread(new URL('./fusion-thread-main.js', import.meta.url));
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.planes);
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    helper = null;
  });
  // Idle, the helper never keeps the process alive; it is held while a request is out. (After the
  // listeners: attaching a 'message' listener refs the port again.)
  worker.unref();
  helper = worker;
  return worker;
}

/** Starts the helper thread ahead of the first fusion (it takes a few tens of milliseconds). */
export function warmFusionThread(): void {
  startHelper();
}

export async function fuseFramesParallel(base: PlanarFrame, draft: PlanarFrame, settings: FusionSettings): Promise<PlanarFrame> {
  const { width, height } = base;
  if (draft.width !== width || draft.height !== height) throw new Error('base and draft sizes differ');
  const [baseR, baseG, baseB] = planesOf(base) as [Float32Array, Float32Array, Float32Array];
  const [draftR, draftG, draftB] = planesOf(draft) as [Float32Array, Float32Array, Float32Array];
  const worker = startHelper();
  const id = nextId++;
  const blue = new Promise<Float32Array[]>((resolve, reject) => pending.set(id, { resolve, reject }));
  const request: FusionThreadRequest = { id, base: [baseB.slice()], draft: [draftB.slice()], width, height, settings };
  worker.ref();
  worker.postMessage(request, [...request.base, ...request.draft].map((p) => p.buffer as ArrayBuffer));
  const [redGreen, [fusedB]] = await Promise.all([runYielding(fusePlanes([baseR, baseG], [draftR, draftG], width, height, settings)), blue]);
  return joinPlanes(width, height, [...redGreen, fusedB!]);
}
