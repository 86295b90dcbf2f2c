// Drops `border` pixels from every edge of a frame, as SR papers do before measuring (the edges
// of an upscaled frame depend on how the model padded them).
import { createFrame, type PlanarFrame } from './planar-frame.js';

export function shaveBorder(frame: PlanarFrame, border: number): PlanarFrame {
  if (border === 0) return frame;
  const width = frame.width - 2 * border;
  const height = frame.height - 2 * border;
  if (width <= 0 || height <= 0) throw new Error(`cannot shave ${border} pixels from each side of a ${frame.width}x${frame.height} frame`);
  const out = createFrame(width, height);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * frame.height + y + border) * frame.width + border;
      out.data.set(frame.data.subarray(from, from + width), (c * height + y) * width);
    }
  }
  return out;
}
