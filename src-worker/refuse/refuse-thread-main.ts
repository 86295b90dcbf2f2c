// Entry of the re-fusion helper thread: the blue plane's half of each re-fusion (its difference
// spectrum, kept by the caller in shared memory, and its high pass), while the calling thread
// does red and green.
import { parentPort } from 'node:worker_threads';
import { diffSpectrum, highPassPlanes, type DiffSpectrum, type MaskSettings } from './high-pass-spectrum.js';

export type RefuseThreadRequest =
  | { id: number; op: 'spectrum'; base: Float32Array; draft: Float32Array; width: number; height: number; border: number; grid: Float64Array }
  | { id: number; op: 'high-pass'; spectrum: DiffSpectrum; settings: MaskSettings };

export type RefuseThreadReply = { id: number; planes: Float32Array[] } | { id: number; error: string };

parentPort?.on('message', (request: RefuseThreadRequest) => {
  try {
    if (request.op === 'spectrum') {
      diffSpectrum([request.base], [request.draft], request.width, request.height, request.border, request.grid);
      parentPort!.postMessage({ id: request.id, planes: [] } satisfies RefuseThreadReply);
    } else {
      const planes = highPassPlanes(request.spectrum, request.settings);
      parentPort!.postMessage({ id: request.id, planes } satisfies RefuseThreadReply, planes.map((p) => p.buffer as ArrayBuffer));
    }
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RefuseThreadReply);
  }
});
