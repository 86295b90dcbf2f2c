// Frames inside the worker: three float32 planes (R, G, B), values nominally 0-255, unclamped
// until they are written out so that blending and fusion never lose precision.

export interface PlanarFrame {
  width: number;
  height: number;
  data: Float32Array;
}

export function createFrame(width: number, height: number): PlanarFrame {
  return { width, height, data: new Float32Array(3 * width * height) };
}

export function fromRgb24(rgb: Uint8Array, width: number, height: number): PlanarFrame {
  const frame = createFrame(width, height);
  const plane = width * height;
  for (let i = 0; i < plane; i++) {
    frame.data[i] = rgb[3 * i]!;
    frame.data[plane + i] = rgb[3 * i + 1]!;
    frame.data[2 * plane + i] = rgb[3 * i + 2]!;
  }
  return frame;
}

export function toRgb24(frame: PlanarFrame): Buffer {
  const plane = frame.width * frame.height;
  const rgb = Buffer.allocUnsafe(3 * plane);
  for (let i = 0; i < plane; i++) {
    rgb[3 * i] = clampByte(frame.data[i]!);
    rgb[3 * i + 1] = clampByte(frame.data[plane + i]!);
    rgb[3 * i + 2] = clampByte(frame.data[2 * plane + i]!);
  }
  return rgb;
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
