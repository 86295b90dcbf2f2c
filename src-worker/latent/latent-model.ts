// One model of a latent pack: named float32 tensors in, the asked-for outputs back, and the time
// spent inside onnxruntime's run().
import * as ort from 'onnxruntime-node';

export interface Tensor {
  data: Float32Array;
  dims: number[];
}

export class LatentModel {
  /** Milliseconds inside run(), summed over calls. */
  runMs = 0;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly file: string,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Record<string, ort.Tensor>, outputs: string[]): Promise<Record<string, Tensor>> {
    const started = performance.now();
    let results: ort.InferenceSession.ReturnType;
    try {
      results = await this.session.run(feeds, outputs);
    } catch (error) {
      throw new Error(`${this.file} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    this.runMs += performance.now() - started;
    const out: Record<string, Tensor> = {};
    for (const name of outputs) {
      const tensor = results[name]!;
      if (tensor.type !== 'float32') throw new Error(`${this.file} output "${name}" is ${tensor.type}; Specula expects float32`);
      out[name] = { data: tensor.data as Float32Array, dims: [...tensor.dims] };
    }
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

export function floatTensor(data: Float32Array, dims: number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

/** The denoiser's timestep input: one value, shape [1]. */
export function timestepTensor(value: number, dtype: 'float32' | 'int64'): ort.Tensor {
  return dtype === 'int64' ? new ort.Tensor('int64', BigInt64Array.from([BigInt(Math.round(value))]), [1]) : new ort.Tensor('float32', Float32Array.from([value]), [1]);
}
