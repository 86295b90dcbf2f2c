// Fixed weights for the generated latent packs: a seeded uniform draw (mulberry32), scaled by the
// fan-in so that activations stay near unit size. Every tensor drawn is recorded so that the
// numpy reference can run the same weights.

export interface WeightTensor {
  dims: number[];
  data: Float32Array;
}

export class FixedWeights {
  readonly tensors = new Map<string, WeightTensor>();
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [-gain, gain] * sqrt(3 / fanIn); `fanIn` defaults to the product of dims after the first. */
  draw(name: string, dims: number[], gain = 1, fanIn = dims.slice(1).reduce((a, b) => a * b, 1)): WeightTensor {
    const size = dims.reduce((a, b) => a * b, 1);
    const scale = gain * Math.sqrt(3 / fanIn);
    const data = Float32Array.from({ length: size }, () => (2 * this.uniform() - 1) * scale);
    return this.keep(name, { dims, data });
  }

  keep(name: string, tensor: WeightTensor): WeightTensor {
    if (this.tensors.has(name)) throw new Error(`weight ${name} drawn twice`);
    this.tensors.set(name, tensor);
    return tensor;
  }

  private uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
