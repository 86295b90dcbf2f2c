// Runs a TF.js layers model in Node (pure-JS CPU backend) exactly as the UpscalerJS packages do,
// so converted ONNX models can be checked (tests/tools) and timed (bench/runtime-bench.ts) against
// their source. The two custom layers are defined here as the packages define them: MultiplyBeta
// multiplies by beta, PixelShuffle is depthToSpace in NHWC.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

type LayerConfig = { name?: string; trainable?: boolean };

let registered = false;

function registerCustomLayers(): void {
  if (registered) return;
  registered = true;
  class MultiplyBeta extends tf.layers.Layer {
    static className = 'MultiplyBeta';
    private readonly beta: number;
    constructor(config: LayerConfig & { beta?: number }) {
      super(config);
      this.beta = config.beta ?? 0.2;
    }
    override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return tf.mul(Array.isArray(inputs) ? inputs[0]! : inputs, this.beta);
    }
  }
  tf.serialization.registerClass(MultiplyBeta);
  for (const scale of [2, 3, 4, 8]) {
    for (const className of ['PixelShuffle', `PixelShuffle${scale}x`]) {
      const layer = class extends tf.layers.Layer {
        static className = className;
        private readonly scale: number;
        constructor(config: LayerConfig & { scale?: number }) {
          super(config);
          this.scale = config.scale ?? scale;
        }
        override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
          const s = (Array.isArray(shape[0]) ? shape[0] : shape) as number[];
          return [s[0]!, s[1]! * this.scale, s[2]! * this.scale, s[3]! / (this.scale * this.scale)];
        }
        override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
          return tf.depthToSpace((Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D, this.scale, 'NHWC');
        }
      };
      if (className === 'PixelShuffle' && scale !== 2) continue;
      tf.serialization.registerClass(layer);
    }
  }
}

export async function loadTfjsModel(modelJsonPath: string): Promise<tf.LayersModel> {
  registerCustomLayers();
  await tf.setBackend('cpu');
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  const specs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
  const shards: Buffer[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) shards.push(await readFile(path.join(path.dirname(modelJsonPath), p)));
  }
  const data = Buffer.concat(shards);
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }));
}

/** Runs the model on an NHWC float image already in the model's value range; returns NHWC output. */
export function runTfjs(model: tf.LayersModel, hwc: Float32Array, height: number, width: number): { data: Float32Array; height: number; width: number } {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor4d(hwc, [1, height, width, 3])) as tf.Tensor4D;
    return { data: out.dataSync() as Float32Array, height: out.shape[1], width: out.shape[2] };
  });
}
