// Bicubic upsampling by an integer factor, as PyTorch's F.interpolate(mode='bicubic',
// align_corners=False) computes it (cubic coefficient a = -0.75, half-pixel centres, edge samples
// clamped): latent SR models trained in PyTorch saw their LR input upsampled exactly this way.

const A = -0.75;

/** Source taps and weights of each output index along one axis. */
function axisTaps(inLength: number, factor: number): { index: Int32Array; weight: Float64Array } {
  const outLength = inLength * factor;
  const index = new Int32Array(4 * outLength);
  const weight = new Float64Array(4 * outLength);
  for (let o = 0; o < outLength; o++) {
    const real = (o + 0.5) / factor - 0.5;
    const base = Math.floor(real);
    const t = real - base;
    const w = [cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)];
    for (let k = 0; k < 4; k++) {
      index[4 * o + k] = Math.min(inLength - 1, Math.max(0, base - 1 + k));
      weight[4 * o + k] = w[k]!;
    }
  }
  return { index, weight };
}

function cubic1(x: number): number {
  return ((A + 2) * x - (A + 3)) * x * x + 1;
}

function cubic2(x: number): number {
  return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
}

/** Upsamples `planes` planes of height x width (contiguous) by `factor` along both sides. */
export function upsampleBicubic(data: Float32Array, planes: number, height: number, width: number, factor: number): Float32Array {
  if (factor === 1) return data;
  const outW = width * factor;
  const outH = height * factor;
  const xs = axisTaps(width, factor);
  const ys = axisTaps(height, factor);
  const rows = new Float64Array(height * outW);
  const out = new Float32Array(planes * outH * outW);
  for (let p = 0; p < planes; p++) {
    const plane = p * height * width;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < outW; x++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += xs.weight[4 * x + k]! * data[plane + y * width + xs.index[4 * x + k]!]!;
        rows[y * outW + x] = sum;
      }
    }
    const target = p * outH * outW;
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += ys.weight[4 * y + k]! * rows[ys.index[4 * y + k]! * outW + x]!;
        out[target + y * outW + x] = sum;
      }
    }
  }
  return out;
}
