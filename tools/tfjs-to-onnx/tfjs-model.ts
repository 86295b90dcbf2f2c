// Reads a TF.js "layers-model" (model.json plus weight shards) into plain data: the layer graph
// and float32 weights, dequantized the way TF.js itself does (value = q * scale + min).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface TfjsInbound {
  layer: string;
  nodeIndex: number;
  tensorIndex: number;
}

export interface TfjsLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  inbound: TfjsInbound[];
}

export interface TfjsWeight {
  shape: number[];
  values: Float32Array;
}

export interface TfjsModel {
  layers: TfjsLayer[];
  inputLayers: string[];
  outputLayers: string[];
  weights: Map<string, TfjsWeight>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

interface ModelJson {
  format?: string;
  modelTopology: { model_config?: { class_name: string; config: LayersConfig }; class_name?: string; config?: LayersConfig };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

interface LayersConfig {
  layers: { class_name: string; name?: string; config: Record<string, unknown>; inbound_nodes: unknown[] }[];
  input_layers: [string, number, number][];
  output_layers: [string, number, number][];
}

export async function readTfjsModel(modelJsonPath: string): Promise<TfjsModel> {
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as ModelJson;
  const topology = json.modelTopology.model_config ?? json.modelTopology;
  if (topology.class_name !== 'Functional' && topology.class_name !== 'Model') {
    throw new Error(`${modelJsonPath}: only functional layers models are supported, found ${topology.class_name}`);
  }
  const config = topology.config as LayersConfig;
  const layers = config.layers.map((layer): TfjsLayer => ({
    className: layer.class_name,
    name: String(layer.name ?? layer.config['name']),
    config: layer.config,
    inbound: parseInbound(layer.inbound_nodes),
  }));
  const weights = await readWeights(path.dirname(modelJsonPath), json.weightsManifest);
  return {
    layers,
    inputLayers: config.input_layers.map((entry) => entry[0]),
    outputLayers: config.output_layers.map((entry) => entry[0]),
    weights,
  };
}

function parseInbound(inboundNodes: unknown[]): TfjsInbound[] {
  if (inboundNodes.length === 0) return [];
  if (inboundNodes.length > 1) throw new Error('shared layers (called more than once) are not supported');
  const calls = inboundNodes[0] as [string, number, number, unknown][];
  return calls.map(([layer, nodeIndex, tensorIndex]) => ({ layer, nodeIndex, tensorIndex }));
}

async function readWeights(dir: string, manifest: ModelJson['weightsManifest']): Promise<Map<string, TfjsWeight>> {
  const weights = new Map<string, TfjsWeight>();
  for (const group of manifest) {
    const shards = await Promise.all(group.paths.map((p) => readFile(path.join(dir, p))));
    const data = Buffer.concat(shards);
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const { values, bytes } = decodeWeight(data, offset, count, spec);
      weights.set(spec.name, { shape: spec.shape, values });
      offset += bytes;
    }
    if (offset !== data.length) {
      throw new Error(`weight shards hold ${data.length} bytes but the manifest describes ${offset}`);
    }
  }
  return weights;
}

function decodeWeight(data: Buffer, offset: number, count: number, spec: WeightSpec): { values: Float32Array; bytes: number } {
  if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not supported`);
  const values = new Float32Array(count);
  const q = spec.quantization;
  if (!q) {
    for (let i = 0; i < count; i++) values[i] = data.readFloatLE(offset + 4 * i);
    return { values, bytes: 4 * count };
  }
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    const width = q.dtype === 'uint8' ? 1 : 2;
    for (let i = 0; i < count; i++) {
      const code = width === 1 ? data[offset + i]! : data.readUInt16LE(offset + 2 * i);
      values[i] = code * scale + min;
    }
    return { values, bytes: width * count };
  }
  if (q.dtype === 'float16') {
    for (let i = 0; i < count; i++) values[i] = halfToFloat(data.readUInt16LE(offset + 2 * i));
    return { values, bytes: 2 * count };
  }
  throw new Error(`weight ${spec.name}: quantization ${q.dtype} is not supported`);
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
