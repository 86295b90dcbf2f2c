import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { toRgb24, type PlanarFrame } from './planar-frame.js';

/** 8-bit RGB PNG. Deflate level 3: previews are written often and read once. */
export async function writePng(path: string, frame: PlanarFrame): Promise<void> {
  const png = PNG.sync.write(
    { width: frame.width, height: frame.height, data: toRgb24(frame) } as unknown as PNG,
    { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 3 },
  );
  await writeFile(path, png);
}
