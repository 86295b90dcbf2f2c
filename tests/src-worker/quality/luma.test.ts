import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fromRgb24 } from '../../../src-worker/frames/planar-frame.js';
import { bt601Luma } from '../../../src-worker/quality/luma.js';

describe('BT.601 luma', () => {
  it("is ffmpeg's rgb24 -> yuv444p Y for every one of the 2^24 colours", () => {
    // Four slices of 4096x1024 pixels, each colour once.
    const [width, height] = [4096, 1024];
    let levels = new Set<number>();
    for (let slice = 0; slice < 4; slice++) {
      const rgb = Buffer.alloc(width * height * 3);
      for (let i = 0; i < width * height; i++) {
        const colour = slice * width * height + i;
        rgb[3 * i] = colour >> 16;
        rgb[3 * i + 1] = (colour >> 8) & 255;
        rgb[3 * i + 2] = colour & 255;
      }
      const yuv = execFileSync('ffmpeg', ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', '-', '-f', 'rawvideo', '-pix_fmt', 'yuv444p', '-'], {
        input: rgb,
        maxBuffer: 64 * 2 ** 20,
      });
      const ours = bt601Luma(fromRgb24(rgb, width, height), { deep: false });
      let differing = 0;
      for (let i = 0; i < width * height; i++) if (ours[i] !== yuv[i]) differing++;
      assert.equal(differing, 0, `slice ${slice}: ${differing} colours differ from ffmpeg`);
      levels = new Set([...levels, ...new Set(ours)]);
    }
    // Limited range: black is 16 and white 235, every level between is used.
    assert.equal(Math.min(...levels), 16);
    assert.equal(Math.max(...levels), 235);
    assert.equal(levels.size, 220);
  });

  it('keeps the fraction for frames decoded from deeper sources', () => {
    const frame = { width: 1, height: 1, data: new Float32Array([100.25, 50.5, 200.75]) };
    const y = bt601Luma(frame, { deep: true })[0]!;
    // The textbook formula; ffmpeg's 15-bit coefficients are within 0.01 level of it.
    const expected = 16 + (219 / 255) * (0.299 * 100.25 + 0.587 * 50.5 + 0.114 * 200.75);
    assert.ok(Math.abs(y - expected) < 0.01, `${y} vs ${expected}`);
    assert.notEqual(y, Math.round(y));
  });
});
