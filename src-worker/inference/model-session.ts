// One loaded model of a pack. Frames travel at 0-255; the model sees its own declared range.
import * as ort from 'onnxruntime-node';
import type { PackModel } from '../../src-shared/packs/pack-manifest.js';

export interface ImageTensor {
  data: Float32Array;
  /** NCHW for image models; [1, T, 3, H, W] for multi-frame models. */
  dims: number[];
}

export class ModelSession {
  /** Milliseconds spent inside onnxruntime's run(), summed over calls. */
  runMs = 0;
  runs = 0;
  private readonly toModel: number;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly model: Pick<PackModel, 'output' | 'range'>,
  ) {
    this.toModel = model.range[1] / 255;
  }

  async run(inputs: Record<string, ImageTensor>): Promise<ImageTensor> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, tensor] of Object.entries(inputs)) {
      const data = this.toModel === 1 ? tensor.data : tensor.data.map((v) => v * this.toModel);
      feeds[name] = new ort.Tensor('float32', data, tensor.dims);
    }
    const started = performance.now();
    const results = await this.session.run(feeds, [this.model.output]);
    this.runMs += performance.now() - started;
    this.runs += 1;
    const output = results[this.model.output]!;
    const data = output.data as Float32Array;
    if (this.toModel !== 1) {
      const back = 1 / this.toModel;
      for (let i = 0; i < data.length; i++) data[i]! *= back;
    }
    output.dispose?.();
    return { data, dims: output.dims as ImageTensor['dims'] };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
