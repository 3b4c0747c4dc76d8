// Builds an ONNX graph from tfjs layers, one layer after another, tracking the running
// tensor's layout: the layers conv-stack.ts and seeded-layers.ts build (conv2d and
// conv2dTranspose with strides and 'same' padding, relu/tanh/sigmoid/linear activations,
// flatten, reshape, dense, dropout). tfjs is NHWC and ONNX's Conv and ConvTranspose are
// NCHW: the graph transposes once before a run of convolutions (kernels [kh,kw,in,out] →
// [out,in,kh,kw], transposed ones [kh,kw,out,in] → [in,out,kh,kw]) and back before Flatten, so
// dense weights see tfjs's HWC order. 'same' padding is written as explicit pads, extra on
// the bottom/right as TensorFlow does. Other layers are refused by name rather than exported
// wrongly. tfjs-to-onnx.ts and learned-model-to-onnx.ts assemble whole graphs with it.
import type * as tf from '@tensorflow/tfjs';
import type { OnnxNode, OnnxTensor } from './onnx-model-writer.js';

const ACTIVATIONS: Record<string, string | null> = { linear: null, relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' };

interface ConvConfig {
  filters: number;
  kernelSize: number | number[];
  strides: number | number[];
  padding: string;
  dataFormat?: string;
  dilationRate?: number | number[];
  activation?: string;
  useBias?: boolean;
}

const pair = (v: number | number[] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v, v];

/** Pads (before, after) and output size of one axis, as TensorFlow computes them. */
export function convAxis(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: string,
): { before: number; after: number; out: number } {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { before: 0, after: 0, out: Math.floor((size - span) / stride) + 1 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + span - size, 0);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2), out };
}

/**
 * A tfjs kernel [kh, kw, a, b] as ONNX's [b, a, kh, kw]: Conv's [out, in, kh, kw] from tfjs's
 * [kh, kw, in, out], and ConvTranspose's [in, out, kh, kw] from tfjs's [kh, kw, out, in].
 */
function kernelToOnnx(kernel: Float32Array, [kh, kw, a, b]: number[]): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < a; i++)
        for (let o = 0; o < b; o++) out[((o * a + i) * kh + y) * kw + x] = kernel[((y * kw + x) * a + i) * b + o];
  return out;
}

function weightsOf(layer: tf.layers.Layer): { values: Float32Array; shape: number[] }[] {
  return layer.getWeights().map((t) => ({ values: t.dataSync() as Float32Array, shape: t.shape }));
}

export type GraphLayout = 'nhwc' | 'nchw' | 'flat';

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  /** The running tensor, its layout and size (height, width, channels; or width once flat). */
  current: string;
  layout: GraphLayout = 'nhwc';
  height: number;
  width: number;
  channels: number;
  flatWidth = 0;
  private readonly nchwOf = new Map<string, string>();

  /** Starts from `input`, an NHWC tensor of [height, width, channels] images. */
  constructor(input: string, [height, width, channels]: [number, number, number]) {
    this.current = input;
    [this.height, this.width, this.channels] = [height, width, channels];
  }

  /** Adds a node; its output becomes the running tensor unless `keep`. */
  step(op: string, inputs: string[], attributes?: OnnxNode['attributes'], keep = false): string {
    const output = `${op.toLowerCase()}_${this.nodes.length}`;
    this.nodes.push({ op, inputs, outputs: [output], attributes });
    if (!keep) this.current = output;
    return output;
  }

  constant(name: string, dims: number[], values: Float32Array | BigInt64Array): string {
    this.initializers.push({ name, dims, values });
    return name;
  }

  /** Names the tensor `from` (a node's output) `to` everywhere it appears. */
  rename(from: string, to: string): void {
    for (const node of this.nodes) {
      node.inputs = node.inputs.map((n) => (n === from ? to : n));
      node.outputs = node.outputs.map((n) => (n === from ? to : n));
    }
    if (this.current === from) this.current = to;
  }

  /** `tensor` (an NHWC input of the graph) as NCHW, transposed once however often asked. */
  nchw(tensor: string): string {
    let out = this.nchwOf.get(tensor);
    if (!out) {
      out = this.step('Transpose', [tensor], { perm: [0, 3, 1, 2] }, true);
      this.nchwOf.set(tensor, out);
    }
    return out;
  }

  toNchw(): void {
    if (this.layout === 'flat') throw new Error('a convolution after a flat layer does not export');
    if (this.layout === 'nhwc') this.current = this.nchw(this.current);
    this.layout = 'nchw';
  }

  toNhwc(): void {
    if (this.layout === 'flat') throw new Error('a flat tensor has no image layout');
    if (this.layout === 'nchw') this.step('Transpose', [this.current], { perm: [0, 2, 3, 1] });
    this.layout = 'nhwc';
  }

  /** Every layer of `model`, in order. */
  addLayers(model: tf.LayersModel): void {
    for (const layer of model.layers) this.addLayer(layer);
  }

  addLayer(layer: tf.layers.Layer): void {
    const kind = layer.getClassName();
    if (kind === 'InputLayer' || kind === 'Dropout') return;
    const add = LAYERS[kind];
    if (!add) throw new Error(`layer '${layer.name}' (${kind}) does not export; ${EXPORTED} do`);
    try {
      add(this, layer);
    } catch (error) {
      throw new Error(`layer '${layer.name}': ${(error as Error).message}`, { cause: error });
    }
  }

  activate(activation: string | undefined): void {
    const op = ACTIVATIONS[activation ?? 'linear'];
    if (op === undefined)
      throw new Error(`activation '${activation}' does not export (relu, tanh, sigmoid, linear do)`);
    if (op) this.step(op, [this.current]);
  }

  conv(layer: tf.layers.Layer, transposed: boolean): void {
    const config = layer.getConfig() as unknown as ConvConfig;
    if (config.dataFormat && config.dataFormat !== 'channelsLast')
      throw new Error(`dataFormat ${config.dataFormat} does not export`);
    if (transposed && config.padding !== 'same')
      throw new Error(`padding '${config.padding}' transposed does not export`);
    this.toNchw();
    const [kh, kw] = pair(config.kernelSize, 1);
    const [sh, sw] = pair(config.strides, 1);
    const [dh, dw] = pair(config.dilationRate, 1);
    if (transposed && (dh !== 1 || dw !== 1)) throw new Error('a dilated transposed convolution does not export');
    // A transposed convolution is the forward one run backwards: its pads are those of the
    // forward convolution from its (stride × larger) output down to its input.
    const [outH, outW] = transposed ? [this.height * sh, this.width * sw] : [0, 0];
    const rows = transposed ? convAxis(outH, kh, sh, 1, 'same') : convAxis(this.height, kh, sh, dh, config.padding);
    const cols = transposed ? convAxis(outW, kw, sw, 1, 'same') : convAxis(this.width, kw, sw, dw, config.padding);
    const [kernel, bias] = weightsOf(layer);
    const name = this.constant(
      `${layer.name}_kernel`,
      transposed ? [this.channels, config.filters, kh, kw] : [config.filters, this.channels, kh, kw],
      kernelToOnnx(kernel.values, kernel.shape),
    );
    const inputs = [this.current, name];
    if (config.useBias !== false && bias)
      inputs.push(this.constant(`${layer.name}_bias`, [config.filters], bias.values));
    const attributes: OnnxNode['attributes'] = {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      dilations: [dh, dw],
      pads: [rows.before, cols.before, rows.after, cols.after],
    };
    if (transposed) {
      // ONNX's output side is s·(in−1) + k − pads + output_padding; TensorFlow's is s·in.
      const extra = (size: number, s: number, k: number, axis: { before: number; after: number }): number =>
        s * size - (s * (size - 1) + k - axis.before - axis.after);
      attributes.output_padding = [extra(this.height, sh, kh, rows), extra(this.width, sw, kw, cols)];
    }
    this.step(transposed ? 'ConvTranspose' : 'Conv', inputs, attributes);
    this.activate(config.activation);
    [this.height, this.width, this.channels] = transposed
      ? [outH, outW, config.filters]
      : [rows.out, cols.out, config.filters];
  }

  flatten(): void {
    if (this.layout === 'flat') return;
    // tfjs flattens NHWC: go back to it so the dense weights line up.
    this.toNhwc();
    this.step('Flatten', [this.current], { axis: 1 });
    this.flatWidth = this.height * this.width * this.channels;
    this.layout = 'flat';
  }

  reshape(layer: tf.layers.Layer): void {
    const { targetShape } = layer.getConfig() as unknown as { targetShape: number[] };
    if (this.layout !== 'flat' || targetShape.length !== 3)
      throw new Error(`reshape to [${targetShape.join(', ')}] does not export (only flat → [H, W, C] does)`);
    const [height, width, channels] = targetShape;
    if (height * width * channels !== this.flatWidth)
      throw new Error(`reshapes ${this.flatWidth} values to [${targetShape.join(', ')}]`);
    const shape = this.constant(`${layer.name}_shape`, [4], BigInt64Array.from([-1, height, width, channels], BigInt));
    this.step('Reshape', [this.current, shape]);
    [this.height, this.width, this.channels, this.layout] = [height, width, channels, 'nhwc'];
  }

  dense(layer: tf.layers.Layer): void {
    if (this.layout !== 'flat') throw new Error('a dense layer before flatten does not export');
    const config = layer.getConfig() as unknown as { units: number; activation?: string; useBias?: boolean };
    const [kernel, bias] = weightsOf(layer);
    if (kernel.shape[0] !== this.flatWidth)
      throw new Error(`expects ${kernel.shape[0]} inputs, the graph gives ${this.flatWidth}`);
    this.step('MatMul', [this.current, this.constant(`${layer.name}_kernel`, kernel.shape, kernel.values)]);
    if (config.useBias !== false && bias)
      this.step('Add', [this.current, this.constant(`${layer.name}_bias`, bias.shape, bias.values)]);
    this.activate(config.activation);
    this.flatWidth = config.units;
  }
}

/** What each exported layer class adds; Dropout (inference: none) and InputLayer add nothing. */
const LAYERS: Record<string, (graph: OnnxGraphBuilder, layer: tf.layers.Layer) => void> = {
  Conv2D: (graph, layer) => graph.conv(layer, false),
  Conv2DTranspose: (graph, layer) => graph.conv(layer, true),
  Flatten: (graph) => graph.flatten(),
  Reshape: (graph, layer) => graph.reshape(layer),
  Dense: (graph, layer) => graph.dense(layer),
};
const EXPORTED = `${Object.keys(LAYERS).join(', ')} and Dropout`;
