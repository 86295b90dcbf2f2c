// A re-fusion request: the cached branches of a preview fused with new settings, written as a bitmap
// the app shows in place of the fused image. The models do not run.
import type { FusionSettings } from '../../src-shared/fusion/fusion-settings.js';
import { writeFile } from 'node:fs/promises';
import { cachedPreview } from './preview-cache.js';
import { bitmapBytes } from './quick-bitmap.js';

export interface RefuseRequest {
  /** The preview's folder (its cache key). */
  dir: string;
  fusion: FusionSettings;
  /** The picture to write (BMP). */
  out: string;
}

export interface RefuseResult {
  out: string;
  /** Milliseconds: fusing (into the picture's bytes), and writing them. */
  fuseMs: number;
  writeMs: number;
}

export async function refusePreview(request: RefuseRequest): Promise<RefuseResult> {
  const started = performance.now();
  const entry = await cachedPreview(request.dir);
  const bitmap = entry.refusion ? await entry.refusion.bitmap(request.fusion) : bitmapBytes(entry.base);
  const fusedAt = performance.now();
  await writeFile(request.out, bitmap);
  return { out: request.out, fuseMs: fusedAt - started, writeMs: performance.now() - fusedAt };
}
