// Pictures for live re-fusion, where every millisecond is between the slider and the screen: an
// uncompressed 24-bit BMP costs one pass over the pixels to write and next to nothing for a
// browser to decode (a PNG of 1280x720 took 50 ms to compress). It is read once, locally, then
// deleted; the preview's own files stay PNG.
import { writeFile } from 'node:fs/promises';
import type { PlanarFrame } from '../frames/planar-frame.js';

const HEADER = 54;

export function bitmapBytes(frame: PlanarFrame): Buffer {
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
  for (let y = 0; y < height; y++) {
    let o = HEADER + y * stride;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      out[o++] = byte(data[2 * plane + i]!);
      out[o++] = byte(data[plane + i]!);
      out[o++] = byte(data[i]!);
    }
  }
  return out;
}

export function writeQuickBitmap(file: string, frame: PlanarFrame): Promise<void> {
  return writeFile(file, bitmapBytes(frame));
}

function byte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
