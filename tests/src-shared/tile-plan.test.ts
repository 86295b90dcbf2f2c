import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossFadeWeight, planAxis, planTiles, reflectIndex, tileSizeForBudget } from '../../src-shared/tiles/tile-plan.js';

describe('tile planning', () => {
  it('covers every pixel, and cross-fade weights sum to one everywhere', () => {
    for (const [length, tile, overlap, scale] of [
      [1000, 128, 16, 4],
      [37, 16, 4, 2],
      [300, 300, 8, 1],
      [129, 64, 8, 3],
    ] as const) {
      const spans = planAxis(length, tile, overlap);
      assert.equal(spans[0]!.start, 0);
      assert.equal(spans[spans.length - 1]!.end, length);
      const sum = new Float64Array(length * scale);
      for (const s of spans) {
        const n = (s.end - s.start) * scale;
        for (let i = 0; i < n; i++) sum[s.start * scale + i]! += crossFadeWeight(i, n, s.overlapBefore * scale, s.overlapAfter * scale);
      }
      for (const [i, w] of sum.entries()) assert.ok(Math.abs(w - 1) < 1e-9, `length ${length}: weight ${w} at ${i}`);
      for (const [i, s] of spans.entries()) if (i > 0) assert.ok(s.overlapBefore >= overlap);
    }
  });

  it('pads tiles with context and rounds model inputs up to the multiple', () => {
    const tiles = planTiles({ width: 100, height: 50, tile: 40, overlap: 8, context: 6, multiple: 8 });
    for (const t of tiles) {
      assert.equal(t.inputX, t.x.start - 6);
      assert.equal(t.inputWidth % 8, 0);
      assert.ok(t.inputWidth >= t.x.end - t.x.start + 12);
    }
  });

  it('reflects like numpy (no repeated edge), also far outside the frame', () => {
    assert.deepEqual([-3, -2, -1, 0, 4, 5, 6, 7, 12].map((i) => reflectIndex(i, 5)), [3, 2, 1, 0, 4, 3, 2, 1, 4]);
    assert.equal(reflectIndex(-7, 1), 0);
  });

  it('picks a bigger tile from a bigger memory budget, within the limits', () => {
    const limits = { multiple: 8, min: 16, max: 1024 };
    const small = tileSizeForBudget(64 * 2 ** 20, 10_000, 10, limits);
    const large = tileSizeForBudget(1024 * 2 ** 20, 10_000, 10, limits);
    assert.ok(large > small);
    assert.equal(small % 8, 0);
    assert.equal(tileSizeForBudget(1, 10_000, 10, limits), 16);
  });
});
