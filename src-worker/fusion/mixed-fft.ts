// 1D complex FFTs of length 2^k (fft.js's radix-4 transforms) and 3·2^k: the latter is one
// radix-3 decimation-in-time step over three fft.js transforms of a third of the length. With both,
// a padded frame side is rounded up by at most a third instead of up to double: 1312 columns take a
// 1536-point transform instead of a 2048-point one.
import FFT from 'fft.js';

type Complex = ArrayLike<number> & { [i: number]: number };

/** The smallest length ≥ n this module transforms: a power of two, or three times one. */
export function fftLength(n: number): number {
  let pow2 = 2;
  while (pow2 < n) pow2 *= 2;
  let threeTimes = 6;
  while (threeTimes < n) threeTimes *= 2;
  return Math.min(pow2, threeTimes);
}

/** The same interface as fft.js (interleaved re/im, `out` distinct from `data`), any fftLength(). */
export class MixedFft {
  private readonly pow2: FFT | null;
  private readonly third: FFT | null;
  /** Three decimated inputs and their transforms, interleaved complex, each of a third's length. */
  private readonly split: Float64Array[] = [];
  private readonly spectra: Float64Array[] = [];
  /** cos and sin of 2πk/N and 2π·2k/N for k below a third. */
  private readonly twiddles: Float64Array;

  constructor(readonly size: number) {
    if (fftLength(size) !== size) throw new Error(`an FFT of ${size} points is not supported (use fftLength)`);
    const isPow2 = (size & (size - 1)) === 0;
    this.pow2 = isPow2 ? new FFT(size) : null;
    const m = size / 3;
    this.third = isPow2 ? null : new FFT(m);
    this.twiddles = new Float64Array(isPow2 ? 0 : 4 * m);
    if (!isPow2) {
      for (let r = 0; r < 3; r++) {
        this.split.push(new Float64Array(2 * m));
        this.spectra.push(new Float64Array(2 * m));
      }
      for (let k = 0; k < m; k++) {
        const angle = (2 * Math.PI * k) / size;
        this.twiddles[4 * k] = Math.cos(angle);
        this.twiddles[4 * k + 1] = Math.sin(angle);
        this.twiddles[4 * k + 2] = Math.cos(2 * angle);
        this.twiddles[4 * k + 3] = Math.sin(2 * angle);
      }
    }
  }

  transform(out: Complex, data: ArrayLike<number>): void {
    if (this.pow2) this.pow2.transform(out, data);
    else this.radix3(out, data, false);
  }

  /** Normalised by the length, as fft.js's. */
  inverseTransform(out: Complex, data: ArrayLike<number>): void {
    if (this.pow2) this.pow2.inverseTransform(out, data);
    else this.radix3(out, data, true);
  }

  /**
   * X[k + jM] = Σ_r W^(r(k + jM)) F_r[k] for the transforms F_r of x[3m + r], W = e^(∓2πi/N):
   * with a = F_0, b = W^k F_1, c = W^2k F_2, that is a + b + c and a - (b + c)/2 ∓ i(√3/2)(b - c).
   */
  private radix3(out: Complex, data: ArrayLike<number>, inverse: boolean): void {
    const m = this.size / 3;
    const [x0, x1, x2] = this.split as [Float64Array, Float64Array, Float64Array];
    for (let i = 0; i < m; i++) {
      x0[2 * i] = data[6 * i]!;
      x0[2 * i + 1] = data[6 * i + 1]!;
      x1[2 * i] = data[6 * i + 2]!;
      x1[2 * i + 1] = data[6 * i + 3]!;
      x2[2 * i] = data[6 * i + 4]!;
      x2[2 * i + 1] = data[6 * i + 5]!;
    }
    const [f0, f1, f2] = this.spectra as [Float64Array, Float64Array, Float64Array];
    const third = this.third!;
    for (let r = 0; r < 3; r++) {
      if (inverse) third.inverseTransform(this.spectra[r]!, this.split[r]!);
      else third.transform(this.spectra[r]!, this.split[r]!);
    }
    // Forward twiddles are e^(-iθ); the inverse's are e^(+iθ), and its sub-transforms are each
    // normalised by M, so one more 1/3 makes 1/N.
    const sign = inverse ? 1 : -1;
    const scale = inverse ? 1 / 3 : 1;
    const half = (sign * Math.sqrt(3)) / 2;
    const tw = this.twiddles;
    for (let k = 0; k < m; k++) {
      const c1 = tw[4 * k]!;
      const s1 = sign * tw[4 * k + 1]!;
      const c2 = tw[4 * k + 2]!;
      const s2 = sign * tw[4 * k + 3]!;
      const ar = f0[2 * k]!;
      const ai = f0[2 * k + 1]!;
      const br = f1[2 * k]! * c1 - f1[2 * k + 1]! * s1;
      const bi = f1[2 * k]! * s1 + f1[2 * k + 1]! * c1;
      const cr = f2[2 * k]! * c2 - f2[2 * k + 1]! * s2;
      const ci = f2[2 * k]! * s2 + f2[2 * k + 1]! * c2;
      const sr = br + cr;
      const si = bi + ci;
      // i·half·(b - c) = half·(-(bi - ci), br - cr)
      const dr = -half * (bi - ci);
      const di = half * (br - cr);
      const mr = ar - sr / 2;
      const mi = ai - si / 2;
      out[2 * k] = (ar + sr) * scale;
      out[2 * k + 1] = (ai + si) * scale;
      out[2 * (k + m)] = (mr + dr) * scale;
      out[2 * (k + m) + 1] = (mi + di) * scale;
      out[2 * (k + 2 * m)] = (mr - dr) * scale;
      out[2 * (k + 2 * m) + 1] = (mi - di) * scale;
    }
  }
}
