import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillNoise, philox4x32 } from '../../src-shared/sampler/seeded-noise.js';

describe('seeded noise', () => {
  it("matches Random123's known answers for Philox4x32-10", () => {
    const cases: [number[], number[], number[]][] = [
      [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
      [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
      [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
    ];
    const out = new Uint32Array(4);
    for (const [counter, key, expected] of cases) {
      philox4x32(counter, key, out);
      assert.deepEqual([...out], expected);
    }
  });

  it('gives standard normal noise', () => {
    const shape = { channels: 4, frames: 2, height: 100, width: 125 };
    const noise = new Float32Array(4 * 2 * 100 * 125);
    fillNoise(noise, shape, { frame: 0, y: 0, x: 0 }, 3);
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const variance = noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length;
    // 100,000 samples: the mean's standard error is 0.003.
    assert.ok(Math.abs(mean) < 0.015, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
    const tail = noise.filter((v) => Math.abs(v) > 1.96).length / noise.length;
    assert.ok(Math.abs(tail - 0.05) < 0.005, `share beyond 1.96: ${tail}`);
  });

  it('depends only on the seed and the position in the clip, not on the block it is drawn in', () => {
    const whole = new Float32Array(5 * 3 * 10 * 12);
    fillNoise(whole, { channels: 5, frames: 3, height: 10, width: 12 }, { frame: 7, y: -2, x: 4 }, 42);
    const part = new Float32Array(5 * 2 * 4 * 5);
    fillNoise(part, { channels: 5, frames: 2, height: 4, width: 5 }, { frame: 8, y: 1, x: 6 }, 42);
    for (let c = 0; c < 5; c++)
      for (let t = 0; t < 2; t++)
        for (let y = 0; y < 4; y++)
          for (let x = 0; x < 5; x++) assert.equal(part[((c * 2 + t) * 4 + y) * 5 + x], whole[((c * 3 + t + 1) * 10 + y + 3) * 12 + x + 2]);
    const other = new Float32Array(part.length);
    fillNoise(other, { channels: 5, frames: 2, height: 4, width: 5 }, { frame: 8, y: 1, x: 6 }, 43);
    assert.notDeepEqual(other, part);
  });
});
