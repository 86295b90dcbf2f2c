// Reads the conditioning tensors a latent pack ships: numpy's .npy format (numpy.save), float32
// or float64 little-endian in C order, returned as float32 with its shape.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface NpyTensor {
  data: Float32Array;
  dims: number[];
}

const MAGIC = '\x93NUMPY';

export function parseNpy(bytes: Uint8Array, name: string): NpyTensor {
  const fail = (why: string): never => {
    throw new Error(`${name} is not a tensor Specula can read (${why}); save it with numpy.save as float32`);
  };
  if (String.fromCharCode(...bytes.subarray(0, 6)) !== MAGIC) fail('no .npy header');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) return fail('a malformed header');
  if (fortran === 'True') fail('Fortran order');
  if (descr !== '<f4' && descr !== '<f8') fail(`element type ${descr}`);
  const dims = shape
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map(Number);
  const count = dims.reduce((n, d) => n * d, 1);
  const body = bytes.subarray(start + headerLength);
  const width = descr === '<f4' ? 4 : 8;
  if (body.length !== count * width) fail(`${body.length} data bytes for shape (${dims.join(', ')})`);
  const data = new Float32Array(count);
  const values = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let i = 0; i < count; i++) data[i] = width === 4 ? values.getFloat32(4 * i, true) : values.getFloat64(8 * i, true);
  return { data, dims };
}

export async function readNpy(file: string): Promise<NpyTensor> {
  return parseNpy(await readFile(file), path.basename(file));
}
