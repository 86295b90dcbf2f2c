// BT.601 luma (limited range, 16-235) of RGB frames, bit-identical to ffmpeg's rgb24 -> yuv
// conversion (libswscale's 15-bit coefficients and its two rounding steps; checked over all 2^24
// colours). This is the "Y" of SR papers (MATLAB's rgb2ycbcr) within one level on 0.4% of colours.
import type { PlanarFrame } from '../frames/planar-frame.js';

const SHIFT = 2 ** 15;
const RY = Math.trunc(((0.299 * 219) / 255) * SHIFT + 0.5);
const GY = Math.trunc(((0.587 * 219) / 255) * SHIFT + 0.5);
const BY = Math.trunc(((0.114 * 219) / 255) * SHIFT + 0.5);

/**
 * Y of every pixel. 8-bit frames (whole values 0-255) get whole levels as ffmpeg rounds them;
 * deeper frames keep the fraction: 16 + (RY·R + GY·G + BY·B) / 2^15.
 */
export function bt601Luma(frame: PlanarFrame, { deep }: { deep: boolean }): Float32Array {
  const plane = frame.width * frame.height;
  const { data } = frame;
  const y = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    const weighted = RY * data[i]! + GY * data[plane + i]! + BY * data[2 * plane + i]!;
    // swscale: ((weighted + 16·2^15 + 2^8) >> 9) is Y in 1/64 levels, then (+ 32) >> 6.
    y[i] = deep ? 16 + weighted / SHIFT : (Math.floor((weighted + 16 * SHIFT + 256) / 512) + 32) >> 6;
  }
  return y;
}
