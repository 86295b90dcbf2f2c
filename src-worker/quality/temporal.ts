// Temporal consistency without motion estimation: how far the prediction's change from one frame
// to the next is from the ground truth's change, |(pred[t+1] - pred[t]) - (gt[t+1] - gt[t])|,
// averaged over every pixel and RGB channel (0-255 scale). Zero when the prediction changes
// exactly as the ground truth does, even if both frames are off by the same error; flicker
// (errors that differ from frame to frame) raises it.
import type { PlanarFrame } from '../frames/planar-frame.js';

export function temporalDifference(predBefore: PlanarFrame, pred: PlanarFrame, gtBefore: PlanarFrame, gt: PlanarFrame): number {
  const a = predBefore.data;
  const b = pred.data;
  const c = gtBefore.data;
  const d = gt.data;
  if (new Set([a.length, b.length, c.length, d.length]).size !== 1) throw new Error('temporal difference needs four frames of one size');
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(b[i]! - a[i]! - (d[i]! - c[i]!));
  return sum / a.length;
}
