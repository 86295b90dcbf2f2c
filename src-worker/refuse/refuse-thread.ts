// The re-fusion helper thread: started on first use, kept alive only while it has work.
import type { Worker } from 'node:worker_threads';
import { startThread } from '../start-thread.js';
import type { DiffSpectrum, MaskSettings } from './high-pass-spectrum.js';
import type { RefuseThreadReply, RefuseThreadRequest } from './refuse-thread-main.js';

type Body = RefuseThreadRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

let helper: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (planes: Float32Array[]) => void; reject: (error: Error) => void }>();

function startHelper(): Worker {
  if (helper) return helper;
  const worker = startThread(new URL('./refuse-thread-main.js', import.meta.url));
  worker.on('message', (reply: RefuseThreadReply) => {
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
  worker.unref();
  helper = worker;
  return worker;
}

function send(body: Body, transfer: ArrayBuffer[] = []): Promise<Float32Array[]> {
  const worker = startHelper();
  const id = nextId++;
  const reply = new Promise<Float32Array[]>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ ...body, id }, transfer);
  return reply;
}

/** Fills `grid` (shared memory) with the spectrum of draft − base, on the helper thread. */
export async function spectrumOnHelper(base: Float32Array, draft: Float32Array, width: number, height: number, border: number, grid: Float64Array): Promise<void> {
  const [b, d] = [base.slice(), draft.slice()];
  await send({ op: 'spectrum', base: b, draft: d, width, height, border, grid }, [b.buffer, d.buffer]);
}

export function highPassOnHelper(spectrum: DiffSpectrum, settings: MaskSettings): Promise<Float32Array[]> {
  return send({ op: 'high-pass', spectrum, settings: { fc: settings.fc, order: settings.order, mask: settings.mask } });
}

/** Starts the helper ahead of the first re-fusion. */
export function warmRefuseThread(): void {
  startHelper();
}
