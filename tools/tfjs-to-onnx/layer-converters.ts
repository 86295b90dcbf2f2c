// One converter per TF.js layer class. Each maps NHWC Keras semantics onto NCHW ONNX nodes and
// tracks, for the tensor it produces, its channel count, its resolution relative to the model
// input, and its receptive radius in input pixels (for tile context and memory planning).
import type { OnnxGraphBuilder } from './onnx-builder.js';
import type { TfjsLayer, TfjsModel } from './tfjs-model.js';

export interface TensorInfo {
  name: string;
  channels: number;
  resolution: number;
  radius: number;
}

type LayerConverter = (layer: TfjsLayer, inputs: TensorInfo[], graph: OnnxGraphBuilder, model: TfjsModel) => TensorInfo;

const NHWC_TO_NCHW_AXIS: Record<number, number> = { 0: 0, 1: 2, 2: 3, 3: 1, [-1]: 1 };

export const LAYER_CONVERTERS: Record<string, LayerConverter> = {
  Conv2D: convertConv2D,
  Activation: (layer, [input], graph) => activation(String(layer.config['activation']), single(input), graph, layer.name),
  Concatenate: (layer, inputs, graph) => {
    const axis = NHWC_TO_NCHW_AXIS[Number(layer.config['axis'] ?? -1)];
    if (axis !== 1) throw new Error(`${layer.name}: only channel concatenation is supported`);
    sameResolution(layer, inputs);
    return {
      name: graph.node('Concat', inputs.map((t) => t.name), layer.name, { axis }),
      channels: inputs.reduce((sum, t) => sum + t.channels, 0),
      resolution: inputs[0]!.resolution,
      radius: Math.max(...inputs.map((t) => t.radius)),
    };
  },
  Add: (layer, inputs, graph) => {
    sameResolution(layer, inputs);
    return {
      name: graph.node(inputs.length === 2 ? 'Add' : 'Sum', inputs.map((t) => t.name), layer.name),
      channels: inputs[0]!.channels,
      resolution: inputs[0]!.resolution,
      radius: Math.max(...inputs.map((t) => t.radius)),
    };
  },
  MultiplyBeta: (layer, [input], graph) => {
    const t = single(input);
    const beta = graph.constant(`${layer.name}/beta`, [], [Number(layer.config['beta'] ?? 0.2)]);
    return { ...t, name: graph.node('Mul', [t.name, beta], layer.name) };
  },
  UpSampling2D: convertUpSampling,
  PixelShuffle: convertPixelShuffle,
};

/** Keras "same" padding puts the odd pixel at the end, which ONNX's auto_pad cannot express for every kernel. */
function convertConv2D(layer: TfjsLayer, [input]: TensorInfo[], graph: OnnxGraphBuilder, model: TfjsModel): TensorInfo {
  const t = single(input);
  const [kh, kw] = layer.config['kernel_size'] as [number, number];
  const [sh, sw] = (layer.config['strides'] as [number, number] | undefined) ?? [1, 1];
  const [dh, dw] = (layer.config['dilation_rate'] as [number, number] | undefined) ?? [1, 1];
  if (sh !== 1 || sw !== 1) throw new Error(`${layer.name}: strided convolutions are not supported`);
  if ((layer.config['groups'] ?? 1) !== 1) throw new Error(`${layer.name}: grouped convolutions are not supported`);
  const kernel = model.weights.get(`${layer.name}/kernel`);
  if (!kernel) throw new Error(`${layer.name}: weights missing`);
  const [, , inChannels, outChannels] = kernel.shape as [number, number, number, number];
  if (inChannels !== t.channels) throw new Error(`${layer.name}: kernel expects ${inChannels} channels, input has ${t.channels}`);
  const inputs = [t.name, graph.constant(`${layer.name}/W`, [outChannels, inChannels, kh, kw], hwioToOihw(kernel.values, kh, kw, inChannels, outChannels))];
  if (layer.config['use_bias'] !== false) {
    const bias = model.weights.get(`${layer.name}/bias`);
    if (!bias) throw new Error(`${layer.name}: bias missing`);
    inputs.push(graph.constant(`${layer.name}/B`, [outChannels], bias.values));
  }
  const same = layer.config['padding'] === 'same';
  const [th, tw] = [dh * (kh - 1), dw * (kw - 1)];
  const pads = same ? [Math.floor(th / 2), Math.floor(tw / 2), th - Math.floor(th / 2), tw - Math.floor(tw / 2)] : [0, 0, 0, 0];
  if (!same && (kh > 1 || kw > 1)) throw new Error(`${layer.name}: "valid" padding with a kernel above 1x1 changes the frame size`);
  const conv: TensorInfo = {
    name: graph.node('Conv', inputs, layer.name, { kernel_shape: [kh, kw], pads, dilations: [dh, dw], strides: [1, 1] }),
    channels: outChannels,
    resolution: t.resolution,
    radius: t.radius + Math.max(th, tw) / 2 / t.resolution,
  };
  return activation(String(layer.config['activation'] ?? 'linear'), conv, graph, `${layer.name}_activation`);
}

function convertUpSampling(layer: TfjsLayer, [input]: TensorInfo[], graph: OnnxGraphBuilder): TensorInfo {
  const t = single(input);
  const [sh, sw] = layer.config['size'] as [number, number];
  if (sh !== sw) throw new Error(`${layer.name}: non-square upsampling is not supported`);
  const interpolation = String(layer.config['interpolation'] ?? 'nearest');
  // TF.js resizes with align_corners=false and half_pixel_centers=false: ONNX's "asymmetric".
  const attributes: Record<string, string> | undefined =
    interpolation === 'nearest'
      ? { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }
      : interpolation === 'bilinear'
        ? { mode: 'linear', coordinate_transformation_mode: 'asymmetric' }
        : undefined;
  if (!attributes) throw new Error(`${layer.name}: interpolation ${interpolation} is not supported`);
  const scales = graph.constant(`${layer.name}/scales`, [4], [1, 1, sh, sw]);
  return {
    name: graph.node('Resize', [t.name, '', scales], layer.name, attributes),
    channels: t.channels,
    resolution: t.resolution * sh,
    radius: t.radius + (interpolation === 'bilinear' ? 1 / t.resolution : 0),
  };
}

/** TF's depth_to_space (NHWC) orders channels as (row offset, column offset, channel): ONNX's DCR mode. */
function convertPixelShuffle(layer: TfjsLayer, [input]: TensorInfo[], graph: OnnxGraphBuilder): TensorInfo {
  const t = single(input);
  const scale = Number(layer.config['scale']);
  if (t.channels % (scale * scale) !== 0) throw new Error(`${layer.name}: ${t.channels} channels cannot shuffle by ${scale}`);
  return {
    name: graph.node('DepthToSpace', [t.name], layer.name, { blocksize: scale, mode: 'DCR' }),
    channels: t.channels / (scale * scale),
    resolution: t.resolution * scale,
    radius: t.radius,
  };
}

function activation(kind: string, t: TensorInfo, graph: OnnxGraphBuilder, name: string): TensorInfo {
  if (kind === 'linear') return t;
  if (kind === 'relu') return { ...t, name: graph.node('Relu', [t.name], name) };
  throw new Error(`${name}: activation ${kind} is not supported`);
}

function hwioToOihw(values: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o]!;
  return out;
}

function single(input: TensorInfo | undefined): TensorInfo {
  if (!input) throw new Error('layer has no input');
  return input;
}

function sameResolution(layer: TfjsLayer, inputs: TensorInfo[]): void {
  if (new Set(inputs.map((t) => t.resolution)).size !== 1) throw new Error(`${layer.name}: inputs differ in resolution`);
}
