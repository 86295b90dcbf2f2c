// Seeded Gaussian noise that anyone can reproduce: Philox4x32-10 (Salmon et al., "Parallel random
// numbers: as easy as 1, 2, 3", 2011; the generator of cuRAND and JAX), a counter-based generator,
// so every latent element's noise is a pure function of the seed and where the element sits in
// the clip, whatever the tiles, windows or resume point. Box-Muller turns its words into normals.
// tests/reference/latent_reference.py reimplements it; docs/model-packs.md gives the layout.

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32 (JS numbers hold 53 bits, so in 16-bit halves). */
function mulHi(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)) >>> 0;
}

/** Philox4x32-10 of a 4-word counter and a 2-word key; writes 4 words to `out`. */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array): void {
  let c0 = counter[0]! >>> 0;
  let c1 = counter[1]! >>> 0;
  let c2 = counter[2]! >>> 0;
  let c3 = counter[3]! >>> 0;
  let k0 = key[0]! >>> 0;
  let k1 = key[1]! >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulHi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

const TWO_POW_32 = 4294967296;

/** Where a block of latent elements sits in the clip's latent grid (element units). */
export interface NoiseOrigin {
  frame: number;
  y: number;
  x: number;
}

export interface NoiseShape {
  channels: number;
  frames: number;
  height: number;
  width: number;
}

/**
 * Fills `out` (layout [C, T, H, W]) with standard normal noise. Element (c, t, y, x) takes Philox
 * counter [x0 + x, y0 + y, f0 + t, floor(c / 4)] (each word mod 2^32) under key [seed, 0]; of the
 * output words w0..w3, Box-Muller on (w0, w1) gives channels 4q (cosine) and 4q + 1 (sine), on
 * (w2, w3) channels 4q + 2 and 4q + 3, with u1 = (w + 1) / 2^32 and u2 = w / 2^32, in float64.
 */
export function fillNoise(out: Float32Array, shape: NoiseShape, origin: NoiseOrigin, seed: number): void {
  const { channels, frames, height, width } = shape;
  if (out.length !== channels * frames * height * width) throw new Error('noise buffer does not match its shape');
  const counter = new Uint32Array(4);
  const key = [seed >>> 0, 0];
  const words = new Uint32Array(4);
  const plane = height * width;
  const volume = frames * plane;
  for (let q = 0; q < Math.ceil(channels / 4); q++) {
    counter[3] = q;
    for (let t = 0; t < frames; t++) {
      counter[2] = origin.frame + t;
      for (let y = 0; y < height; y++) {
        counter[1] = origin.y + y;
        for (let x = 0; x < width; x++) {
          counter[0] = origin.x + x;
          philox4x32(counter, key, words);
          const at = t * plane + y * width + x;
          for (let pair = 0; pair < 2; pair++) {
            const c = 4 * q + 2 * pair;
            if (c >= channels) break;
            const r = Math.sqrt(-2 * Math.log((words[2 * pair]! + 1) / TWO_POW_32));
            const theta = (2 * Math.PI * words[2 * pair + 1]!) / TWO_POW_32;
            out[c * volume + at] = r * Math.cos(theta);
            if (c + 1 < channels) out[(c + 1) * volume + at] = r * Math.sin(theta);
          }
        }
      }
    }
  }
}
