// Structural similarity exactly as ffmpeg's ssim filter computes it (libavfilter/vf_ssim.c, the
// x264 form): sums over 4x4 blocks (a pixels beyond the last whole block are left out), combined
// into 8x8 windows that step by 4 pixels, SSIM per window from those sums, and the plane's SSIM
// the mean over windows. Values are on the 0-255 scale.

/** ffmpeg's constants for 8-bit planes, scaled by the 64 pixels of a window (and 63 for c2). */
const C1 = Math.trunc(0.01 * 0.01 * 255 * 255 * 64 + 0.5);
const C2 = Math.trunc(0.03 * 0.03 * 255 * 255 * 64 * 63 + 0.5);

/** Sums of one row of 4x4 blocks: [a, b, a² + b², a·b] per block. */
function blockRowSums(a: Float32Array, b: Float32Array, width: number, blockRow: number, blocks: number, out: Float64Array): void {
  for (let bx = 0; bx < blocks; bx++) {
    let s1 = 0;
    let s2 = 0;
    let ss = 0;
    let s12 = 0;
    for (let y = 0; y < 4; y++) {
      const row = (4 * blockRow + y) * width + 4 * bx;
      for (let x = 0; x < 4; x++) {
        const p = a[row + x]!;
        const q = b[row + x]!;
        s1 += p;
        s2 += q;
        ss += p * p + q * q;
        s12 += p * q;
      }
    }
    out[4 * bx] = s1;
    out[4 * bx + 1] = s2;
    out[4 * bx + 2] = ss;
    out[4 * bx + 3] = s12;
  }
}

/** SSIM of one 8x8 window from its sums (vf_ssim.c's ssim_end1). */
function windowSsim(s1: number, s2: number, ss: number, s12: number): number {
  const vars = ss * 64 - s1 * s1 - s2 * s2;
  const covar = s12 * 64 - s1 * s2;
  return ((2 * s1 * s2 + C1) * (2 * covar + C2)) / ((s1 * s1 + s2 * s2 + C1) * (vars + C2));
}

/** SSIM of two planes of width x height (at least 8x8). */
export function ssimPlane(a: Float32Array, b: Float32Array, width: number, height: number): number {
  const blocksX = width >> 2;
  const blocksY = height >> 2;
  if (blocksX < 2 || blocksY < 2) throw new Error(`SSIM needs at least 8x8 pixels, got ${width}x${height}`);
  let above = new Float64Array(4 * blocksX);
  let below = new Float64Array(4 * blocksX);
  blockRowSums(a, b, width, 0, blocksX, above);
  let total = 0;
  for (let by = 1; by < blocksY; by++) {
    blockRowSums(a, b, width, by, blocksX, below);
    for (let bx = 0; bx < blocksX - 1; bx++) {
      const i = 4 * bx;
      const j = i + 4;
      total += windowSsim(
        above[i]! + above[j]! + below[i]! + below[j]!,
        above[i + 1]! + above[j + 1]! + below[i + 1]! + below[j + 1]!,
        above[i + 2]! + above[j + 2]! + below[i + 2]! + below[j + 2]!,
        above[i + 3]! + above[j + 3]! + below[i + 3]! + below[j + 3]!,
      );
    }
    [above, below] = [below, above];
  }
  return total / ((blocksX - 1) * (blocksY - 1));
}
