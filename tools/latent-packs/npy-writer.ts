// numpy's .npy format (version 1.0, float32 little-endian, C order): what numpy.save writes and
// numpy.load reads, for the conditioning tensors of generated packs and their reference weights.

export function encodeNpy(data: Float32Array, dims: number[]): Buffer {
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  // The header, with magic and length, ends on a newline at a multiple of 64 bytes.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const body = Buffer.alloc(data.length * 4);
  data.forEach((v, i) => body.writeFloatLE(v, 4 * i));
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]);
}
