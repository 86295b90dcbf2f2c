import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS, MAX_AUTO_CONTEXT } from '../../src-shared/jobs/engine-settings.js';
import { upscaleTiled } from '../../src-worker/inference/tiled-upscale.js';
import { openCpuSessions, variantOf } from '../helpers/packs.js';
import { crop, maxAbsDiff, PHOTO_NAMES, photoPath, psnr, readPng } from '../helpers/project.js';

describe('tiled inference', () => {
  for (const [pack, scale] of [
    ['fast', 2],
    ['fast', 4],
    ['detail', 4],
  ] as const) {
    it(`${pack} x${scale}: tiled equals untiled within 1e-3 when context covers the receptive radius`, async () => {
      const { dir, variant } = variantOf(pack, scale);
      // Base only: the exact claim needs context >= radius, and the base's radius is small.
      const baseOnly = { ...variant, drafts: [] };
      const sessions = await openCpuSessions(dir, baseOnly);
      const frame = crop(readPng(photoPath('chelsea')), 130, 90, 150, 110);
      const context = variant.base.receptive_radius;
      const whole = await upscaleTiled(frame, baseOnly, sessions, { tile: 512, overlap: 0, context, multiple: 1 });
      const tiled = await upscaleTiled(frame, baseOnly, sessions, { tile: 48, overlap: 8, context, multiple: 1 });
      assert.equal(whole.tiles, 1);
      assert.ok(tiled.tiles >= 9, `${tiled.tiles} tiles`);
      const diff = maxAbsDiff(tiled.branches[0]!.data, whole.branches[0]!.data);
      assert.ok(diff < 1e-3, `max difference ${diff}`);
      // Control: without context the tile borders differ, so the check above can fail.
      const seams = await upscaleTiled(frame, baseOnly, sessions, { tile: 48, overlap: 8, context: 0, multiple: 1 });
      assert.ok(maxAbsDiff(seams.branches[0]!.data, whole.branches[0]!.data) > 1, 'zero context should leave seams');
    });
  }

  it('with the default overlap and context, tiled vs untiled is at least 50 dB on every fixture photo and branch', async () => {
    const { dir, variant } = variantOf('detail', 4);
    const sessions = await openCpuSessions(dir, variant);
    const context = Math.min(MAX_AUTO_CONTEXT, Math.max(variant.base.receptive_radius, ...variant.drafts.map((d) => d.receptive_radius)));
    for (const name of PHOTO_NAMES) {
      const photo = readPng(photoPath(name));
      const frame = crop(photo, Math.floor(photo.width / 2) - 64, Math.floor(photo.height / 2) - 64, 128, 128);
      const settings = { overlap: DEFAULT_ENGINE_SETTINGS.overlap, context, multiple: 1 };
      const whole = await upscaleTiled(frame, variant, sessions, { ...settings, tile: 512 });
      const tiled = await upscaleTiled(frame, variant, sessions, { ...settings, tile: 64 });
      assert.equal(tiled.tiles, 9);
      whole.branches.forEach((branch, b) => {
        const score = psnr(tiled.branches[b]!.data, branch.data);
        console.log(`# ${name} branch ${b}: tiled vs untiled ${score.toFixed(2)} dB`);
        assert.ok(score >= 50, `${name} branch ${b}: ${score.toFixed(2)} dB`);
      });
    }
  });
});
