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

/** 16-bit little-endian RGB (rgb48le) to the 0-255 planar scale, keeping the extra precision. */
export function fromRgb48(bytes: Uint8Array, width: number, height: number): PlanarFrame {
  const frame = createFrame(width, height);
  const plane = width * height;
  const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < plane; i++) {
    frame.data[i] = words.getUint16(6 * i, true) / 257;
    frame.data[plane + i] = words.getUint16(6 * i + 2, true) / 257;
    frame.data[2 * plane + i] = words.getUint16(6 * i + 4, true) / 257;
  }
  return frame;
}

export function toRgb48(frame: PlanarFrame): Buffer {
  const plane = frame.width * frame.height;
  const out = Buffer.allocUnsafe(6 * plane);
  const word = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 65535 : Math.round(v * 257));
  for (let i = 0; i < plane; i++) {
    out.writeUInt16LE(word(frame.data[i]!), 6 * i);
    out.writeUInt16LE(word(frame.data[plane + i]!), 6 * i + 2);
    out.writeUInt16LE(word(frame.data[2 * plane + i]!), 6 * i + 4);
  }
  return out;
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
