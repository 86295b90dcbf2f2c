// The re-fusion helper thread: started on first use, kept alive only while it has work.
import type { Worker } from 'node:worker_threads';
import { startThread } from '../start-thread.js';
import type { RefuseThreadReply, RefuseThreadRequest } from './refuse-thread-main.js';
import type { MaskSettings, RefuseGrids } from './split-inverse.js';

type Body = RefuseThreadRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

let helper: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

function startHelper(): Worker {
  if (helper) return helper;
  const worker = startThread(new URL('./refuse-thread-main.js', import.meta.url));
  worker.on('message', (reply: RefuseThreadReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve();
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

function send(body: Body, transfer: ArrayBuffer[] = []): Promise<void> {
  const worker = startHelper();
  const id = nextId++;
  const reply = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ ...body, id }, transfer);
  return reply;
}

/** The blue plane's spectrum, into the grids' shared memory. */
export function blueSpectrumOnHelper(base: Float32Array, draft: Float32Array, grids: RefuseGrids): Promise<void> {
  const [b, d] = [base.slice(), draft.slice()];
  return send({ op: 'spectrum', base: b, draft: d, grids }, [b.buffer, d.buffer]);
}

export function columnsOnHelper(grids: RefuseGrids, settings: MaskSettings, from: number, to: number): Promise<void> {
  return send({ op: 'columns', grids, settings: { fc: settings.fc, order: settings.order, mask: settings.mask }, from, to });
}

export function rowsOnHelper(grids: RefuseGrids, from: number, to: number): Promise<void> {
  return send({ op: 'rows', grids, from, to });
}

/** Starts the helper ahead of the first re-fusion. */
export function warmRefuseThread(): void {
  startHelper();
}
