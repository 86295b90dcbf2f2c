// Live re-fusion must give what the fusion itself gives (so "use these settings" renders what
// the user saw), for every slider and after the cache is read back from disk.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FusionSettings } from '../../../src-shared/fusion/fusion-settings.js';
import type { PlanarFrame } from '../../../src-worker/frames/planar-frame.js';
import { fuseFrames } from '../../../src-worker/fusion/fuse-frames.js';
import { cachedPreview, keepPreview } from '../../../src-worker/refuse/preview-cache.js';
import { PreviewRefusion } from '../../../src-worker/refuse/preview-refusion.js';
import { bitmapBytes } from '../../../src-worker/refuse/quick-bitmap.js';
import { crop, maxAbsDiff, photoPath, readPng, tempDir } from '../../helpers/project.js';

const DETAIL: FusionSettings = { alpha: 0.6, fc: 0.25, order: 4, border: 16, mask: 'butterworth' };

/** A draft that differs from the photo in fine detail and in a smooth gradient. */
function draftOf(frame: PlanarFrame): PlanarFrame {
  const data = frame.data.map((v, i) => {
    const x = i % frame.width;
    const y = Math.floor(i / frame.width) % frame.height;
    return v + 30 * Math.sin(1.7 * x + 0.9 * y) + 0.2 * x;
  });
  return { ...frame, data };
}

describe('live re-fusion of a preview', () => {
  const base = crop(readPng(photoPath('coffee')), 10, 20, 250, 140);
  const draft = draftOf(base);

  it('equals the fusion for every alpha, cutoff, order, mask and border, in any order of slider moves', async () => {
    const refusion = new PreviewRefusion(base, draft);
    const moves: FusionSettings[] = [
      DETAIL,
      { ...DETAIL, alpha: 0.9 },
      { ...DETAIL, alpha: 0.9, fc: 0.1 },
      { ...DETAIL, alpha: 0.3, fc: 0.1, order: 1 },
      { ...DETAIL, alpha: 0, fc: 0.1, order: 1 },
      { ...DETAIL, mask: 'gaussian', fc: 0.4 },
      { ...DETAIL, border: 0, fc: 0.05, order: 8 },
    ];
    for (const settings of moves) {
      const fused = await refusion.fuse(settings);
      const expected = fuseFrames(base, draft, settings);
      assert.ok(maxAbsDiff(fused.data, expected.data) < 1e-3, `${JSON.stringify(settings)}: differs by ${maxAbsDiff(fused.data, expected.data)}`);
    }
    assert.ok(maxAbsDiff((await refusion.fuse(DETAIL)).data, (await refusion.fuse({ ...DETAIL, fc: 0.6 })).data) > 1, 'another cutoff gives another picture');
  });

  it('equals the fusion on a frame of odd width and height', async () => {
    const odd = crop(readPng(photoPath('chelsea')), 3, 7, 201, 117);
    const oddDraft = draftOf(odd);
    const refusion = new PreviewRefusion(odd, oddDraft);
    for (const settings of [DETAIL, { ...DETAIL, fc: 0.4, order: 2, border: 5 }]) {
      const fused = await refusion.fuse(settings);
      assert.ok(maxAbsDiff(fused.data, fuseFrames(odd, oddDraft, settings).data) < 1e-3, JSON.stringify(settings));
    }
  });

  it('writes the fused picture as a top-down 24-bit BMP holding exactly the fused frame rounded to bytes', async () => {
    const refusion = new PreviewRefusion(base, draft);
    const settings = { ...DETAIL, alpha: 0.8, fc: 0.3 };
    const bitmap = await refusion.bitmap(settings);
    assert.deepEqual([bitmap.toString('latin1', 0, 2), bitmap.readInt32LE(18), bitmap.readInt32LE(22), bitmap.readUInt16LE(28)], ['BM', base.width, -base.height, 24]);
    const fused = await refusion.fuse(settings);
    assert.ok(bitmap.equals(bitmapBytes(fused)));
    // Pixel (x, y) is at 54 + y * stride + 3x, blue first.
    const stride = (3 * base.width + 3) & ~3;
    const [x, y] = [131, 77];
    const plane = base.width * base.height;
    const expected = [2, 1, 0].map((c) => Math.min(255, Math.max(0, Math.round(fused.data[c * plane + y * base.width + x]!))));
    assert.deepEqual([...bitmap.subarray(54 + y * stride + 3 * x, 54 + y * stride + 3 * x + 3)], expected);
  });

  it('reads the branches back from disk once they have left memory', async () => {
    const dirs = [0, 1, 2].map(() => tempDir('specula-refuse-'));
    for (const [k, dir] of dirs.entries()) await keepPreview(dir, [base, k === 0 ? draft : base], DETAIL.border);
    assert.ok(existsSync(path.join(dirs[0]!, 'branches.f32')));
    const first = await cachedPreview(dirs[0]!);
    assert.deepEqual(first.base.data, base.data);
    assert.deepEqual(first.drafts[0]!.data, draft.data);
    const fused = await first.refusion!.fuse(DETAIL);
    assert.ok(maxAbsDiff(fused.data, fuseFrames(base, draft, DETAIL).data) < 1e-3);
    await assert.rejects(cachedPreview(tempDir('specula-refuse-')), /no longer cached; run the preview again/);
  });
});
