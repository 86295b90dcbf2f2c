// Frames travel at 0-255; each latent-pack model reads or writes its declared range.
import type { LatentValueRange } from '../../src-shared/packs/pack-manifest.js';

export function toModelRange(pixels: Float32Array, [lo, hi]: LatentValueRange): Float32Array {
  const scale = (hi - lo) / 255;
  return pixels.map((v) => lo + v * scale);
}

export function fromModelRange(values: Float32Array, [lo, hi]: LatentValueRange): Float32Array {
  const scale = 255 / (hi - lo);
  return values.map((v) => (v - lo) * scale);
}
