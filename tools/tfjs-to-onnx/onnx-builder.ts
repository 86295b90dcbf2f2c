// Small helpers over onnx-proto's generated protobuf classes: nodes, float and int64 initializers,
// and a model with one NCHW image input whose height and width are free, or with any named inputs
// and outputs (the latent test packs' denoisers take a latent, a timestep and conditioning).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const OPSET = 17;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

export interface TensorInfo {
  name: string;
  dims: (string | number)[];
  type?: 'float32' | 'int64';
}

export type Attribute = number | number[] | string;

export class OnnxGraphBuilder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  node(opType: string, inputs: string[], name: string, attributes: Record<string, Attribute> = {}): string {
    const output = `${name}:out`;
    this.nodes.push({
      opType,
      name,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }

  constant(name: string, dims: number[], values: Float32Array | number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    this.initializers.push({
      name,
      dims,
      dataType: FLOAT,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return name;
  }

  constantInt64(name: string, dims: number[], values: number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims, dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  uniqueName(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Dims default to an NCHW image with free batch, height and width. */
  encode(options: { inputName: string; outputName: string; finalTensor: string; docString: string; inputDims?: (string | number)[]; outputDims?: (string | number)[] }): Uint8Array {
    this.nodes.push({ opType: 'Identity', name: 'output_identity', input: [options.finalTensor], output: [options.outputName] });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'specula-tfjs-to-onnx',
      producerVersion: '1',
      docString: options.docString,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: 'specula',
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(options.inputName, options.inputDims ?? ['batch', 3, 'height', 'width'])],
        output: [valueInfo(options.outputName, options.outputDims ?? ['batch', 3, 'out_height', 'out_width'])],
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  /** A model with any inputs and outputs; each output names the graph tensor it exposes. */
  encodeGraph(options: { inputs: TensorInfo[]; outputs: (TensorInfo & { tensor: string })[]; docString: string; producerName?: string }): Uint8Array {
    for (const output of options.outputs) this.nodes.push({ opType: 'Identity', name: `${output.name}_identity`, input: [output.tensor], output: [output.name] });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: options.producerName ?? 'specula',
      producerVersion: '1',
      docString: options.docString,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: 'specula',
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map((i) => valueInfo(i.name, i.dims, i.type === 'int64' ? INT64 : FLOAT)),
        output: options.outputs.map((o) => valueInfo(o.name, o.dims, o.type === 'int64' ? INT64 : FLOAT)),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function attribute(name: string, value: Attribute): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (Number.isInteger(value)) return { name, type: AttributeType.INT, i: value };
  return { name, type: AttributeType.FLOAT, f: value };
}

function valueInfo(name: string, dims: (string | number)[], elemType: number = FLOAT): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
