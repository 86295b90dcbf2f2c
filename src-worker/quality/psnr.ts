// Peak signal-to-noise ratio on the 0-255 scale, as ffmpeg's psnr filter computes it: the mean
// squared error of each plane, averaged over the planes (all the same size here), and
// 10·log10(255² / MSE). Identical pictures give Infinity.

export function meanSquaredError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`cannot compare planes of ${a.length} and ${b.length} values`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return sum / a.length;
}

export function psnrFromMse(mse: number): number {
  return 10 * Math.log10((255 * 255) / mse);
}

/** Over several planes of equal size: the MSE of each, averaged, then PSNR. */
export function psnr(planesA: Float32Array[], planesB: Float32Array[]): number {
  const mse = planesA.reduce((sum, plane, c) => sum + meanSquaredError(plane, planesB[c]!), 0) / planesA.length;
  return psnrFromMse(mse);
}
