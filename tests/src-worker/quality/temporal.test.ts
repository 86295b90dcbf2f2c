import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import { temporalDifference } from '../../../src-worker/quality/temporal.js';
import { crop, photoPath, readPng } from '../../helpers/project.js';

/** Eight frames of a pan across a real photo: every frame differs from the one before. */
function panFrames(): PlanarFrame[] {
  const photo = readPng(photoPath('coffee'));
  return Array.from({ length: 8 }, (_, t) => crop(photo, 40 + 7 * t, 60 + 2 * t, 160, 120));
}

/** Every frame moved by `offset(t)` levels, clipped to 0-255 as a real 8-bit frame would be. */
function shifted(frames: PlanarFrame[], offset: (t: number) => number): PlanarFrame[] {
  return frames.map((frame, t) => ({ ...frame, data: frame.data.map((v) => Math.min(255, Math.max(0, v + offset(t)))) }));
}

function clipTemporal(pred: PlanarFrame[], gt: PlanarFrame[]): number {
  let sum = 0;
  for (let t = 1; t < gt.length; t++) sum += temporalDifference(pred[t - 1]!, pred[t]!, gt[t - 1]!, gt[t]!);
  return sum / (gt.length - 1);
}

describe('temporal consistency', () => {
  const gt = panFrames();

  it('is zero for a prediction equal to the ground truth', () => {
    assert.equal(clipTemporal(gt.map((f) => ({ ...f, data: f.data.slice() })), gt), 0);
  });

  it('grows with the strength of a flicker (brightness alternating +k / -k)', () => {
    let previous = 0;
    for (const k of [1, 2, 4, 8, 16, 32]) {
      const value = clipTemporal(shifted(gt, (t) => (t % 2 === 0 ? k : -k)), gt);
      // Each step changes by 2k more or less than the ground truth does, less where pixels clip.
      assert.ok(value > previous, `k=${k}: ${value} is not above ${previous}`);
      assert.ok(value <= 2 * k + 1e-9 && value > 1.5 * k, `k=${k}: ${value}`);
      previous = value;
    }
  });

  it('hardly moves for an error that stays the same from frame to frame', () => {
    const steady = clipTemporal(shifted(gt, () => 8), gt);
    const flicker = clipTemporal(shifted(gt, (t) => (t % 2 === 0 ? 8 : -8)), gt);
    // Only pixels clipped at 255 change differently.
    assert.ok(steady < flicker / 10, `steady ${steady}, flicker ${flicker}`);
  });
});
