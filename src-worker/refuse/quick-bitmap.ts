// Pictures for live re-fusion, where every millisecond is between the slider and the screen: an
// uncompressed 24-bit BMP costs one pass over the pixels to write and next to nothing for a
// browser to decode (a PNG of 1280x720 took 50 ms to compress). It is read once, locally, then
// deleted; the preview's own files stay PNG.
import type { PlanarFrame } from '../frames/planar-frame.js';

const HEADER = 54;

/**
 * The frame as a BMP; with `fusion`, the fused frame base + alpha·HP instead, computed here in
 * the same pass (in float32, as the fusion keeps it) rather than as a frame of its own first.
 */
export function bitmapBytes(frame: PlanarFrame, fusion?: { highPass: Float32Array; alpha: number }): Buffer {
  const { width, height, data } = frame;
  const stride = (3 * width + 3) & ~3;
  const out = Buffer.alloc(HEADER + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(HEADER, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  // Negative height: rows top to bottom.
  out.writeInt32LE(-height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * height, 34);
  const plane = width * height;
  const highPass = fusion?.highPass;
  const alpha = fusion?.alpha ?? 0;
  for (let y = 0; y < height; y++) {
    let o = HEADER + y * stride;
    const end = (y + 1) * width;
    if (highPass) {
      for (let i = y * width; i < end; i++) {
        out[o++] = byte(Math.fround(data[2 * plane + i]! + alpha * highPass[2 * plane + i]!));
        out[o++] = byte(Math.fround(data[plane + i]! + alpha * highPass[plane + i]!));
        out[o++] = byte(Math.fround(data[i]! + alpha * highPass[i]!));
      }
    } else {
      for (let i = y * width; i < end; i++) {
        out[o++] = byte(data[2 * plane + i]!);
        out[o++] = byte(data[plane + i]!);
        out[o++] = byte(data[i]!);
      }
    }
  }
  return out;
}

function byte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
