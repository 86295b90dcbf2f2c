import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fftLength, MixedFft } from '../../src-worker/fusion/mixed-fft.js';

/** The DFT by its definition, in float64: sign -1 forward, +1 inverse (then divided by n). */
function directDft(data: Float64Array, sign: 1 | -1): Float64Array {
  const n = data.length / 2;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      const angle = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      re += data[2 * t]! * Math.cos(angle) - data[2 * t + 1]! * Math.sin(angle);
      im += data[2 * t]! * Math.sin(angle) + data[2 * t + 1]! * Math.cos(angle);
    }
    out[2 * k] = sign === 1 ? re / n : re;
    out[2 * k + 1] = sign === 1 ? im / n : im;
  }
  return out;
}

function randomComplex(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: 2 * n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 510 - 255);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('mixed-radix FFT', () => {
  it('rounds a side up to the nearest power of two or three times one', () => {
    const cases: [number, number][] = [[1, 2], [3, 4], [5, 6], [7, 8], [13, 16], [17, 24], [93, 96], [129, 192], [752, 768], [1024, 1024], [1312, 1536], [1950, 2048]];
    for (const [n, expected] of cases) assert.equal(fftLength(n), expected, `fftLength(${n})`);
  });

  for (const n of [2, 8, 6, 12, 24, 48, 96, 384, 768]) {
    it(`matches the DFT's definition forward and back for ${n} points`, () => {
      const data = randomComplex(n, n);
      const fft = new MixedFft(n);
      const spectrum = new Float64Array(2 * n);
      fft.transform(spectrum, data);
      // Sums of n values of up to 255 in magnitude: float64 keeps them to ~1e-10 here.
      assert.ok(maxDiff(spectrum, directDft(data, -1)) < 1e-8, `forward differs by ${maxDiff(spectrum, directDft(data, -1))}`);
      const back = new Float64Array(2 * n);
      fft.inverseTransform(back, spectrum);
      assert.ok(maxDiff(back, directDft(spectrum, 1)) < 1e-8, `inverse differs by ${maxDiff(back, directDft(spectrum, 1))}`);
      assert.ok(maxDiff(back, data) < 1e-9, `round trip differs by ${maxDiff(back, data)}`);
    });
  }

  it('refuses a length it cannot transform', () => {
    assert.throws(() => new MixedFft(10), /10 points is not supported/);
  });
});
