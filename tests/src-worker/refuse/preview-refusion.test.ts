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
