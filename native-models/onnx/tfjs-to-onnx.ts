// A trained tfjs encoder (the layers conv-stack.ts builds: conv2d with strides and 'same' or
// 'valid' padding, relu/linear activations, flatten, dense) as an ONNX graph, so the encoder
// a workspace learned runs in any ONNX runtime, and back through `embed --model`. tfjs is
// NHWC and ONNX Conv is NCHW: the graph takes the same NHWC input as the tfjs model,
// transposes once to NCHW for the convolutions (kernels [kh,kw,in,out] → [out,in,kh,kw]),
// and transposes back before Flatten so the dense weights see tfjs's HWC order. 'same'
// padding is written as explicit pads, extra on the bottom/right as TensorFlow does. Layers
// other than these are refused by name rather than exported wrongly.
import type * as tf from '@tensorflow/tfjs';
import { onnxModel, type OnnxNode, type OnnxTensor } from './onnx-model-writer.js';

export const EXPORT_INPUT = 'pixels';
export const EXPORT_OUTPUT = 'embedding';

const ACTIVATIONS: Record<string, string | null> = { linear: null, relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' };

interface Conv2DConfig {
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

/** [kh, kw, in, out] (tfjs) → [out, in, kh, kw] (ONNX). */
function kernelToOihw(kernel: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + y) * kw + x] = kernel[((y * kw + x) * cin + i) * cout + o];
  return out;
}

function weightsOf(layer: tf.layers.Layer): { values: Float32Array; shape: number[] }[] {
  return layer.getWeights().map((t) => ({ values: t.dataSync() as Float32Array, shape: t.shape }));
}

/** The ONNX bytes of `model`: input [N, H, W, C] float32 named `pixels`, output [N, D] named `embedding`. */
export function tfjsEncoderToOnnx(model: tf.LayersModel): Uint8Array {
  if (model.inputs.length !== 1 || model.outputs.length !== 1)
    throw new Error(
      `only single-input, single-output encoders export; this one has ${model.inputs.length} ` +
        `and ${model.outputs.length}`,
    );
  const inputShape = model.inputs[0].shape;
  if (inputShape.length !== 4 || inputShape.slice(1).some((d) => d === null))
    throw new Error(`the encoder's input is [${inputShape.join(', ')}]; export needs [N, H, W, C] with fixed H, W, C`);
  let [height, width, channels] = inputShape.slice(1) as number[];
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  let current = EXPORT_INPUT;
  let layout: 'nhwc' | 'nchw' | 'flat' = 'nhwc';
  let flatWidth = 0;
  const step = (op: string, inputs: string[], attributes?: OnnxNode['attributes']): string => {
    const output = `${op.toLowerCase()}_${nodes.length}`;
    nodes.push({ op, inputs, outputs: [output], attributes });
    return output;
  };
  const activate = (layer: tf.layers.Layer, activation: string | undefined): void => {
    const op = ACTIVATIONS[activation ?? 'linear'];
    if (op === undefined)
      throw new Error(
        `layer '${layer.name}': activation '${activation}' does not export (relu, tanh, sigmoid, linear do)`,
      );
    if (op) current = step(op, [current]);
  };
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer' || kind === 'Dropout') continue;
    if (kind === 'Conv2D') {
      const config = layer.getConfig() as unknown as Conv2DConfig;
      if (config.dataFormat && config.dataFormat !== 'channelsLast')
        throw new Error(`layer '${layer.name}': dataFormat ${config.dataFormat} does not export`);
      if (layout === 'flat') throw new Error(`layer '${layer.name}': a convolution after flatten does not export`);
      if (layout === 'nhwc') {
        current = step('Transpose', [current], { perm: [0, 3, 1, 2] });
        layout = 'nchw';
      }
      const [kh, kw] = pair(config.kernelSize, 1);
      const [sh, sw] = pair(config.strides, 1);
      const [dh, dw] = pair(config.dilationRate, 1);
      const rows = convAxis(height, kh, sh, dh, config.padding);
      const cols = convAxis(width, kw, sw, dw, config.padding);
      const [kernel, bias] = weightsOf(layer);
      const name = `${layer.name}_kernel`;
      initializers.push({
        name,
        dims: [config.filters, channels, kh, kw],
        values: kernelToOihw(kernel.values, kernel.shape),
      });
      const inputs = [current, name];
      if (config.useBias !== false && bias) {
        initializers.push({ name: `${layer.name}_bias`, dims: [config.filters], values: bias.values });
        inputs.push(`${layer.name}_bias`);
      }
      current = step('Conv', inputs, {
        kernel_shape: [kh, kw],
        strides: [sh, sw],
        dilations: [dh, dw],
        pads: [rows.before, cols.before, rows.after, cols.after],
      });
      activate(layer, config.activation);
      [height, width, channels] = [rows.out, cols.out, config.filters];
    } else if (kind === 'Flatten') {
      // tfjs flattens NHWC: go back to it so the dense weights line up.
      if (layout === 'nchw') current = step('Transpose', [current], { perm: [0, 2, 3, 1] });
      if (layout !== 'flat') current = step('Flatten', [current], { axis: 1 });
      flatWidth = layout === 'flat' ? flatWidth : height * width * channels;
      layout = 'flat';
    } else if (kind === 'Dense') {
      if (layout !== 'flat') throw new Error(`layer '${layer.name}': a dense layer before flatten does not export`);
      const config = layer.getConfig() as unknown as { units: number; activation?: string; useBias?: boolean };
      const [kernel, bias] = weightsOf(layer);
      if (kernel.shape[0] !== flatWidth)
        throw new Error(`layer '${layer.name}': expects ${kernel.shape[0]} inputs, the graph gives ${flatWidth}`);
      initializers.push({ name: `${layer.name}_kernel`, dims: kernel.shape, values: kernel.values });
      current = step('MatMul', [current, `${layer.name}_kernel`]);
      if (config.useBias !== false && bias) {
        initializers.push({ name: `${layer.name}_bias`, dims: bias.shape, values: bias.values });
        current = step('Add', [current, `${layer.name}_bias`]);
      }
      activate(layer, config.activation);
      flatWidth = config.units;
    } else {
      throw new Error(`layer '${layer.name}' (${kind}) does not export; Conv2D, Flatten, Dense and Dropout do`);
    }
  }
  if (layout !== 'flat') throw new Error('the encoder does not end in a flat representation (flatten, dense)');
  // The last node writes the graph's output.
  nodes[nodes.length - 1].outputs = [EXPORT_OUTPUT];
  return onnxModel(
    {
      name: model.name,
      nodes,
      initializers,
      inputs: [{ name: EXPORT_INPUT, shape: ['N', ...(inputShape.slice(1) as number[])] }],
      outputs: [{ name: EXPORT_OUTPUT, shape: ['N', flatWidth] }],
    },
    'serendip',
  );
}
