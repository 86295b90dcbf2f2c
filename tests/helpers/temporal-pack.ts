// A tiny multi-frame pack built by the project's own ONNX builder, for testing temporal windows:
// each output frame is half itself and half the mean of its window, upscaled x2 (nearest), so the
// result depends on which frames share a window.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OnnxGraphBuilder } from '../../tools/tfjs-to-onnx/onnx-builder.js';

export const TEMPORAL_PACK = 'window-mean';

export function writeTemporalPack(packsDir: string, maxFrames = 8): string {
  const dir = path.join(packsDir, TEMPORAL_PACK);
  mkdirSync(dir, { recursive: true });
  const g = new OnnxGraphBuilder();
  const mean = g.node('ReduceMean', ['lr'], 'window_mean', { axes: [1], keepdims: 1 });
  const half = g.constant('half', [1], [0.5]);
  const mixed = g.node('Add', [g.node('Mul', ['lr', half], 'self_half'), g.node('Mul', [mean, half], 'mean_half')], 'mix');
  const scales = g.constant('scales', [5], [1, 1, 1, 2, 2]);
  const up = g.node('Resize', [mixed, '', scales], 'upscale', { mode: 'nearest', nearest_mode: 'floor', coordinate_transformation_mode: 'asymmetric' });
  writeFileSync(
    path.join(dir, 'window-mean-x2.onnx'),
    g.encode({ inputName: 'lr', outputName: 'sr', finalTensor: up, docString: 'test: half frame, half window mean, x2', inputDims: [1, 'frames', 3, 'height', 'width'], outputDims: [1, 'frames', 3, 'out_height', 'out_width'] }),
  );
  const manifest = {
    format: 'specula-pack',
    version: 1,
    kind: 'pixel',
    name: TEMPORAL_PACK,
    title: 'Window mean (test)',
    description: 'A multi-frame test model: half the frame, half its window mean, x2.',
    layout: 'NCHW',
    tile: { multiple: 1, min: 8, max: 512 },
    variants: [
      {
        scale: 2,
        base: { file: 'window-mean-x2.onnx', title: 'window mean', input: 'lr', output: 'sr', range: [0, 255], frames: maxFrames, receptive_radius: 0, activation_bytes_per_pixel: 64 },
        drafts: [],
        fusion: { alpha: 0, fc: 0.25, order: 4, border: 0, mask: 'butterworth' },
      },
    ],
    license: 'MIT',
    source: 'tests/helpers/temporal-pack.ts',
  };
  writeFileSync(path.join(dir, 'pack.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
