// 8-bit RGB PNGs written in-process by pngjs: the rows are filtered here (Paeth, a few tens of
// milliseconds for 1280x720) and deflated by zlib on libuv's thread pool, so the worker's own
// thread stays free for the fusion while a file is compressed.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PNG } from 'pngjs';
import { toRgb24, type PlanarFrame } from './planar-frame.js';

const PAETH = 4;

export async function writePng(path: string, frame: PlanarFrame): Promise<void> {
  const options = { width: frame.width, height: frame.height, colorType: 2, inputColorType: 2, inputHasAlpha: false, filterType: PAETH, deflateLevel: 3 } as const;
  const png = new PNG(options);
  png.data = toRgb24(frame);
  try {
    await pipeline(png.pack(), createWriteStream(path));
  } catch (error) {
    throw new Error(`writing ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
