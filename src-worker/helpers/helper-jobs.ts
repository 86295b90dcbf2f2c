// The jobs a helper thread does beside the models: fusing planes, preparing a fusion's plan,
// writing PNGs. Each request is answered with its id (and the fused planes).
import { parentPort } from 'node:worker_threads';
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { warmPngEncoder, writePngFile } from '../frames/png-file.js';
import { fusePlanes, prepareFusion, runToEnd, warmFusionCode } from '../fusion/fuse-frames.js';

export type HelperRequest =
  | { kind: 'fuse'; id: number; base: Float32Array[]; draft: Float32Array[]; width: number; height: number; settings: FusionSettings }
  /**
   * Ahead of a job's first frame: when a fusion will follow, builds its FFT plan and mask for that
   * frame size; the first time, also runs the fusion's and the PNG writer's code on small inputs.
   */
  | { kind: 'prepare'; id: number; fusion?: { width: number; height: number; settings: FusionSettings } }
  | { kind: 'png'; id: number; path: string; frame: PlanarFrame };

export type HelperReply = { id: number; planes?: Float32Array[] } | { id: number; error: string };

/** What this thread has already run once, so that the JIT has compiled it. */
const warm = { fusion: false, png: false };

parentPort?.on('message', (request: HelperRequest) => {
  try {
    if (request.kind === 'fuse') {
      const planes = runToEnd(fusePlanes(request.base, request.draft, request.width, request.height, request.settings));
      parentPort!.postMessage({ id: request.id, planes }, planes.map((p) => p.buffer as ArrayBuffer));
    } else {
      if (request.kind === 'png') writePngFile(request.path, request.frame);
      else {
        const { fusion } = request;
        if (fusion && fusion.settings.alpha !== 0) {
          prepareFusion(fusion.width, fusion.height, fusion.settings);
          if (!warm.fusion) warmFusionCode(fusion.settings);
          warm.fusion = true;
        }
        if (!warm.png) warmPngEncoder();
        warm.png = true;
      }
      parentPort!.postMessage({ id: request.id });
    }
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
