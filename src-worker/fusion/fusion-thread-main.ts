// Entry of the fusion helper thread: fuses the planes it is sent and sends the results back.
import { parentPort } from 'node:worker_threads';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { fusePlanes, runToEnd } from './fuse-frames.js';

export interface FusionThreadRequest {
  id: number;
  base: Float32Array[];
  draft: Float32Array[];
  width: number;
  height: number;
  settings: FusionSettings;
}

parentPort?.on('message', (request: FusionThreadRequest) => {
  try {
    const planes = runToEnd(fusePlanes(request.base, request.draft, request.width, request.height, request.settings));
    parentPort!.postMessage({ id: request.id, planes }, planes.map((p) => p.buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
