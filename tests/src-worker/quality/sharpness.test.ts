import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import { bt601Luma } from '../../../src-worker/quality/luma.js';
import { laplacianEnergy } from '../../../src-worker/quality/sharpness.js';
import { PHOTO_NAMES, photoPath, readPng, tempDir } from '../../helpers/project.js';

function sharpness(frame: PlanarFrame): number {
  return laplacianEnergy(bt601Luma(frame, { deep: false }), frame.width, frame.height);
}

describe('sharpness', () => {
  it('is larger for a real photo than for its blurred copies, and falls as the blur grows', () => {
    const dir = tempDir('specula-sharpness-');
    for (const name of PHOTO_NAMES) {
      const values = [sharpness(readPng(photoPath(name)))];
      for (const sigma of [0.7, 1.5, 3]) {
        const blurred = path.join(dir, `${name}-${sigma}.png`);
        execFileSync('ffmpeg', ['-v', 'error', '-i', photoPath(name), '-vf', `gblur=sigma=${sigma}`, blurred]);
        values.push(sharpness(readPng(blurred)));
      }
      for (let i = 1; i < values.length; i++) assert.ok(values[i]! < values[i - 1]!, `${name}: ${values.map((v) => v.toFixed(1)).join(' > ')}?`);
      assert.ok(values[0]! > 2 * values[2]!, `${name}: ${values.map((v) => v.toFixed(1)).join(', ')}`);
    }
  });

  it('is zero for a flat picture', () => {
    const flat = { width: 16, height: 16, data: new Float32Array(3 * 256).fill(128) };
    assert.equal(sharpness(flat), 0);
  });
});
