// 8-bit RGB PNGs by pngjs: Paeth-filtered rows (the smallest files for photos) deflated with
// zlib's run-length strategy, about 55 ms for 1280x720, all on the calling thread. The preview
// calls it on a helper thread (helpers/), beside the models.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { createFrame, toRgb24, type PlanarFrame } from './planar-frame.js';

const PAETH = 4;

export function encodePng(frame: PlanarFrame): Buffer {
  const options = { width: frame.width, height: frame.height, colorType: 2, inputColorType: 2, inputHasAlpha: false, filterType: PAETH, deflateLevel: 3 } as const;
  const png = new PNG(options);
  png.data = toRgb24(frame);
  return PNG.sync.write(png, options);
}

/**
 * Runs the encoder a few times on a small frame, so that its JavaScript (the row filter) is
 * compiled before the first real frame: cold, a 1280x720 PNG took 60-70 ms, warm 29 ms.
 */
export function warmPngEncoder(): void {
  const small = createFrame(64, 48);
  for (let i = 0; i < small.data.length; i++) small.data[i] = (i * 7) % 251;
  for (let round = 0; round < 6; round++) encodePng(small);
}

export function writePngFile(path: string, frame: PlanarFrame): void {
  try {
    writeFileSync(path, encodePng(frame));
  } catch (error) {
    throw new Error(`writing ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
