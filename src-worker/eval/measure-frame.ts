// The metrics of one frame of a prediction, against the same frame of the ground truth when
// there is one. Both are shaved first; luma is computed once per frame and shared.
import type { FrameMetrics, MetricName } from '../../src-shared/jobs/eval-job.js';
import type { PlanarFrame } from '../frames/planar-frame.js';
import { shaveBorder } from '../frames/shave-border.js';
import { bt601Luma } from '../quality/luma.js';
import { psnr } from '../quality/psnr.js';
import { laplacianEnergy } from '../quality/sharpness.js';
import { ssimPlane } from '../quality/ssim.js';
import type { SourceFrame } from './source-frames.js';

export interface MeasuredFrame {
  rgb: PlanarFrame;
  luma: Float32Array | null;
}

export function prepareFrame(frame: SourceFrame, crop: number, metrics: readonly MetricName[]): MeasuredFrame {
  const rgb = shaveBorder(frame.pixels, crop);
  const needsLuma = metrics.some((m) => m !== 'temporal');
  return { rgb, luma: needsLuma ? bt601Luma(rgb, { deep: frame.deep }) : null };
}

export function measureFrame(pred: MeasuredFrame, gt: MeasuredFrame | null, metrics: readonly MetricName[]): FrameMetrics {
  const { width, height } = pred.rgb;
  const result: FrameMetrics = {};
  if (gt && metrics.includes('psnr')) {
    result.psnr = { rgb: psnr(rgbPlanes(pred.rgb), rgbPlanes(gt.rgb)), y: psnr([pred.luma!], [gt.luma!]) };
  }
  if (gt && metrics.includes('ssim')) {
    const [p, g] = [rgbPlanes(pred.rgb), rgbPlanes(gt.rgb)];
    const rgb = p.reduce((sum, plane, c) => sum + ssimPlane(plane, g[c]!, width, height), 0) / 3;
    result.ssim = { rgb, y: ssimPlane(pred.luma!, gt.luma!, width, height) };
  }
  if (metrics.includes('sharpness')) result.sharpness = laplacianEnergy(pred.luma!, width, height);
  return result;
}

function rgbPlanes(frame: PlanarFrame): Float32Array[] {
  const size = frame.width * frame.height;
  return [0, 1, 2].map((c) => frame.data.subarray(c * size, (c + 1) * size));
}
