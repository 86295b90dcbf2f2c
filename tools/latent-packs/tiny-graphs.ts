// The tiny ONNX graphs of the generated latent packs, built with the project's own ONNX builder:
// a VAE from strided convolutions (encoder) and pixel shuffle (decoder, tanh-bounded), small convolutional base
// and draft denoisers with timestep and conditioning embeddings, a degradation estimator, and a
// base denoiser with recurrent state. Video (NCTHW) graphs fold time into the batch axis around
// the same 4-D body, and the denoisers mix frames through their mean. The numpy reference
// (tests/reference/latent_reference.py) runs the same architecture from the recorded weights.
import { OnnxGraphBuilder, type TensorInfo } from '../tfjs-to-onnx/onnx-builder.js';
import type { FixedWeights } from './fixed-weights.js';

export type Layout = 'NCHW' | 'NCTHW';

export interface TinyArchitecture {
  layout: Layout;
  /** Latent channels. */
  channels: number;
  /** Feature width of the denoisers. */
  width: number;
  encoderFactor: number;
  /** Frames per latent frame (video graphs): consecutive frames are stacked on the channel axis. */
  temporalFactor: number;
  /** The decoder's two pixel-shuffle factors; their product is its spatial factor. */
  decoderShuffles: [number, number];
  decoderWidth: number;
  numTrainTimesteps: number;
  conditioning: { tokens: number; dims: number } | null;
  stateChannels: number;
  timestepDtype: 'float32' | 'int64';
}

class TinyGraph {
  readonly g = new OnnxGraphBuilder();

  constructor(
    private readonly weights: FixedWeights,
    private readonly prefix: string,
    private readonly layout: Layout,
  ) {}

  conv(x: string, name: string, out: number, inp: number, kernel: number, stride: number, pad: number, gain = 1): string {
    const w = this.weights.draw(`${this.prefix}.${name}.weight`, [out, inp, kernel, kernel], gain);
    const b = this.weights.draw(`${this.prefix}.${name}.bias`, [out], 0.1, 1);
    const wName = this.g.constant(`${name}_w`, w.dims, w.data);
    const bName = this.g.constant(`${name}_b`, b.dims, b.data);
    return this.g.node('Conv', [x, wName, bName], name, { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [pad, pad, pad, pad] });
  }

  op(type: string, inputs: string[], attributes: Record<string, number | number[] | string> = {}): string {
    return this.g.node(type, inputs, this.g.uniqueName(type.toLowerCase()), attributes);
  }

  scalar(value: number): string {
    return this.g.constant(this.g.uniqueName('scalar'), [1], [value]);
  }

  /** [1, C, T, H, W] -> [T, C, H, W] for video graphs; 4-D graphs pass through. */
  toFrames(x: string): string {
    if (this.layout === 'NCHW') return x;
    const transposed = this.op('Transpose', [x], { perm: [0, 2, 1, 3, 4] });
    return this.op('Squeeze', [transposed, this.g.constantInt64(this.g.uniqueName('axes'), [1], [0])]);
  }

  fromFrames(x: string): string {
    if (this.layout === 'NCHW') return x;
    const unsqueezed = this.op('Unsqueeze', [x, this.g.constantInt64(this.g.uniqueName('axes'), [1], [0])]);
    return this.op('Transpose', [unsqueezed], { perm: [0, 2, 1, 3, 4] });
  }

  /** (t / num_train_timesteps) * w, as [1, width, 1, 1]. */
  timestepEmbedding(t: string, arch: TinyArchitecture): string {
    const value = arch.timestepDtype === 'int64' ? this.op('Cast', [t], { to: 1 }) : t;
    const w = this.weights.draw(`${this.prefix}.temb`, [1, arch.width, 1, 1], 1, 1);
    return this.op('Mul', [this.op('Mul', [value, this.scalar(1 / arch.numTrainTimesteps)]), this.g.constant('temb_w', w.dims, w.data)]);
  }

  /** mean over tokens of the conditioning, times a [dims, width] matrix, as [1, width, 1, 1]. */
  conditioningEmbedding(c: string, arch: TinyArchitecture): string {
    const dims = arch.conditioning!.dims;
    const w = this.weights.draw(`${this.prefix}.cemb`, [dims, arch.width], 1, dims);
    const pooled = this.op('ReduceMean', [c], { axes: [1], keepdims: 0 });
    const projected = this.op('MatMul', [pooled, this.g.constant('cemb_w', w.dims, w.data)]);
    return this.op('Reshape', [projected, this.g.constantInt64('cemb_shape', [4], [1, arch.width, 1, 1])]);
  }
}

function pixels(layout: Layout, name: string, channels: number | string): TensorInfo {
  return { name, dims: layout === 'NCHW' ? [1, channels, 'h', 'w'] : [1, channels, 't', 'h', 'w'] };
}

export function encoderGraph(weights: FixedWeights, arch: TinyArchitecture): Uint8Array {
  const m = new TinyGraph(weights, 'encoder', arch.layout);
  const x = m.toFrames('image');
  const first = m.op('Relu', [m.conv(x, 'enc1', arch.width, 3, 4, 4, 0)]);
  const rest = arch.encoderFactor / 4;
  let latent = m.conv(first, 'enc2', arch.channels, arch.width, rest, rest, 0);
  const kt = arch.temporalFactor;
  if (kt > 1) {
    // [T, C, h, w] -> [T / kt, kt * C, h, w]: each latent frame sees its kt frames.
    const stacked = m.op('Reshape', [latent, m.g.constantInt64('stack_shape', [4], [-1, kt * arch.channels, 0, 0])]);
    latent = m.conv(stacked, 'enc3', arch.channels, kt * arch.channels, 1, 1, 0);
  }
  latent = m.fromFrames(latent);
  return m.g.encodeGraph({ inputs: [pixels(arch.layout, 'image', 3)], outputs: [{ ...pixels(arch.layout, 'latent', arch.channels), tensor: latent }], docString: `test VAE encoder, f${arch.encoderFactor}` });
}

export function decoderGraph(weights: FixedWeights, arch: TinyArchitecture): Uint8Array {
  const m = new TinyGraph(weights, 'decoder', arch.layout);
  const [r1, r2] = arch.decoderShuffles;
  let z = m.toFrames('latent');
  const kt = arch.temporalFactor;
  if (kt > 1) {
    // [T / kt, C, h, w] -> [T / kt, kt * C, h, w] -> [T, C, h, w]: one latent frame back into kt frames.
    const spread = m.conv(z, 'dec0', kt * arch.channels, arch.channels, 1, 1, 0);
    z = m.op('Reshape', [spread, m.g.constantInt64('unstack_shape', [4], [-1, arch.channels, 0, 0])]);
  }
  const first = m.op('Relu', [m.op('DepthToSpace', [m.conv(z, 'dec1', arch.decoderWidth * r1 * r1, arch.channels, 3, 1, 1)], { blocksize: r1, mode: 'DCR' })]);
  // tanh keeps the picture inside the [-1, 1] range the pack declares, as a trained decoder's would be.
  const shuffled = m.op('DepthToSpace', [m.conv(first, 'dec2', 3 * r2 * r2, arch.decoderWidth, 3, 1, 1)], { blocksize: r2, mode: 'DCR' });
  const image = m.fromFrames(m.op('Tanh', [shuffled]));
  return m.g.encodeGraph({ inputs: [pixels(arch.layout, 'latent', arch.channels)], outputs: [{ ...pixels(arch.layout, 'image', 3), tensor: image }], docString: `test VAE decoder, f${r1 * r2}` });
}

function denoiserInputs(arch: TinyArchitecture): TensorInfo[] {
  return [
    pixels(arch.layout, 'latent', arch.channels),
    { name: 'timestep', dims: [1], type: arch.timestepDtype },
    ...(arch.conditioning ? [{ name: 'context', dims: [1, arch.conditioning.tokens, arch.conditioning.dims] }] : []),
  ];
}

/** The first layer's pre-activation plus the embeddings, shared by base and draft. */
function embedded(m: TinyGraph, arch: TinyArchitecture, x: string, layer: string): string {
  let a = m.op('Add', [m.conv(x, layer, arch.width, arch.channels, 3, 1, 1), m.timestepEmbedding('timestep', arch)]);
  if (arch.conditioning) a = m.op('Add', [a, m.conditioningEmbedding('context', arch)]);
  return a;
}

export function baseGraph(weights: FixedWeights, arch: TinyArchitecture): Uint8Array {
  const m = new TinyGraph(weights, 'base', arch.layout);
  const x = m.toFrames('latent');
  let a = embedded(m, arch, x, 'b1');
  if (arch.stateChannels > 0) a = m.op('Add', [a, m.conv('state_in', 'bs', arch.width, arch.stateChannels, 1, 1, 0)]);
  const h1 = m.op('Relu', [a]);
  const mixed = m.op('Add', [h1, m.op('Mul', [m.op('ReduceMean', [h1], { axes: [0], keepdims: 1 }), m.scalar(0.5)])]);
  const h2 = m.op('Relu', [m.conv(mixed, 'b2', arch.width, arch.width, 3, 1, 1)]);
  const prediction = m.fromFrames(m.conv(h2, 'b3', arch.channels, arch.width, 3, 1, 1, 0.5));
  const outputs = [
    { ...pixels(arch.layout, 'prediction', arch.channels), tensor: prediction },
    { ...pixels(arch.layout, 'feat', arch.width), tensor: m.fromFrames(h2) },
  ];
  const inputs = denoiserInputs(arch);
  if (arch.stateChannels > 0) {
    inputs.push({ name: 'state_in', dims: [1, arch.stateChannels, 'h', 'w'] });
    const state = m.op('ReduceMean', [m.conv(h2, 'bso', arch.stateChannels, arch.width, 1, 1, 0)], { axes: [0], keepdims: 1 });
    outputs.push({ name: 'state_out', dims: [1, arch.stateChannels, 'h', 'w'], tensor: state });
  }
  return m.g.encodeGraph({ inputs, outputs, docString: 'test base denoiser' });
}

export function draftGraph(weights: FixedWeights, arch: TinyArchitecture): Uint8Array {
  const m = new TinyGraph(weights, 'draft', arch.layout);
  const x = m.toFrames('latent');
  const feature = m.toFrames('base_feat');
  const g1 = m.op('Relu', [m.op('Add', [embedded(m, arch, x, 'd1'), m.conv(feature, 'df', arch.width, arch.width, 1, 1, 0)])]);
  const prediction = m.fromFrames(m.conv(g1, 'd2', arch.channels, arch.width, 3, 1, 1, 0.5));
  return m.g.encodeGraph({
    inputs: [...denoiserInputs(arch), pixels(arch.layout, 'base_feat', arch.width)],
    outputs: [{ ...pixels(arch.layout, 'prediction', arch.channels), tensor: prediction }],
    docString: 'test draft denoiser',
  });
}

/** d = the mean of the frame in [0, 1]: a known, controllable estimate for tests. */
export function estimatorGraph(): Uint8Array {
  const g = new OnnxGraphBuilder();
  const d = g.node('ReduceMean', ['lr'], 'mean', { axes: [1, 2, 3], keepdims: 0 });
  return g.encodeGraph({ inputs: [{ name: 'lr', dims: [1, 3, 'h', 'w'] }], outputs: [{ name: 'degradation', dims: [1], tensor: d }], docString: 'test degradation estimator: mean brightness' });
}
