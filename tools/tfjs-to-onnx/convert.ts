// Converts a TF.js layers model of an image-to-image super-resolution network into an ONNX model
// with one NCHW float input "lr" and one output "sr", and reports what the pack manifest needs:
// the scale, the receptive radius in input pixels, and an estimate of peak activation memory.
import { LAYER_CONVERTERS, type TensorInfo } from './layer-converters.js';
import { OnnxGraphBuilder } from './onnx-builder.js';
import { readTfjsModel, type TfjsLayer } from './tfjs-model.js';

export interface ConvertedModel {
  onnx: Uint8Array;
  scale: number;
  receptiveRadius: number;
  /** Peak bytes of live float32 activations per input pixel, from a liveness walk of the graph. */
  activationBytesPerPixel: number;
  layerCount: number;
}

export const INPUT_NAME = 'lr';
export const OUTPUT_NAME = 'sr';

export async function convertTfjsModel(modelJsonPath: string, docString: string): Promise<ConvertedModel> {
  const model = await readTfjsModel(modelJsonPath);
  if (model.inputLayers.length !== 1 || model.outputLayers.length !== 1) {
    throw new Error(`${modelJsonPath}: expected one input and one output layer`);
  }
  const graph = new OnnxGraphBuilder();
  const tensors = new Map<string, TensorInfo>();
  const order = topologicalOrder(model.layers);
  const lastUse = lastConsumerIndex(order);
  let liveChannels = 0;
  let peakChannels = 0;
  const sizeOf = (t: TensorInfo): number => t.channels * t.resolution * t.resolution;

  order.forEach((layer, index) => {
    if (layer.className === 'InputLayer') {
      const t = { name: INPUT_NAME, channels: 3, resolution: 1, radius: 0 };
      tensors.set(layer.name, t);
      liveChannels += sizeOf(t);
      return;
    }
    const className = /^PixelShuffle\d*x?$/.test(layer.className) ? 'PixelShuffle' : layer.className;
    const converter = LAYER_CONVERTERS[className];
    if (!converter) throw new Error(`${modelJsonPath}: layer class ${layer.className} (${layer.name}) is not supported`);
    const inputs = layer.inbound.map((edge) => {
      const t = tensors.get(edge.layer);
      if (!t) throw new Error(`${layer.name}: input ${edge.layer} not found`);
      return t;
    });
    const output = converter(layer, inputs, graph, model);
    tensors.set(layer.name, output);
    liveChannels += sizeOf(output);
    peakChannels = Math.max(peakChannels, liveChannels);
    for (const edge of new Set(layer.inbound.map((e) => e.layer))) {
      if (lastUse.get(edge) === index) liveChannels -= sizeOf(tensors.get(edge)!);
    }
  });

  const output = tensors.get(model.outputLayers[0]!)!;
  if (output.channels !== 3) throw new Error(`${modelJsonPath}: output has ${output.channels} channels, expected 3`);
  return {
    onnx: graph.encode({ inputName: INPUT_NAME, outputName: OUTPUT_NAME, finalTensor: output.name, docString }),
    scale: output.resolution,
    receptiveRadius: Math.ceil(output.radius),
    activationBytesPerPixel: peakChannels * 4,
    layerCount: order.length,
  };
}

function topologicalOrder(layers: TfjsLayer[]): TfjsLayer[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const done = new Set<string>();
  const order: TfjsLayer[] = [];
  const visit = (layer: TfjsLayer, path: Set<string>): void => {
    if (done.has(layer.name)) return;
    if (path.has(layer.name)) throw new Error(`cycle at layer ${layer.name}`);
    path.add(layer.name);
    for (const edge of layer.inbound) {
      const dep = byName.get(edge.layer);
      if (!dep) throw new Error(`${layer.name}: unknown input layer ${edge.layer}`);
      visit(dep, path);
    }
    path.delete(layer.name);
    done.add(layer.name);
    order.push(layer);
  };
  for (const layer of layers) visit(layer, new Set());
  return order;
}

function lastConsumerIndex(order: TfjsLayer[]): Map<string, number> {
  const last = new Map<string, number>();
  order.forEach((layer, index) => {
    for (const edge of layer.inbound) last.set(edge.layer, index);
  });
  return last;
}
