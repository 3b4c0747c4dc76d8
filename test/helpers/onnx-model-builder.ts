// Small ONNX models for tests and benchmarks, written with native-models/onnx's model
// writer (field numbers of onnx/onnx.proto), so nothing is downloaded: a dense encoder (Flatten → MatMul → Add) and
// a conv encoder (Conv → Relu → GlobalAveragePool → Flatten), each with an NCHW input or an NHWC one
// (a Transpose in front) and a dynamic or fixed batch dimension, so tests can check the
// whole path against a direct computation in JS.
import {
  ONNX_FLOAT,
  ONNX_FLOAT16,
  onnxModel,
  type Dim,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValue,
} from '../../native-models/onnx/onnx-model-writer.js';

export { ONNX_FLOAT, ONNX_FLOAT16, ONNX_INT64, onnxModel } from '../../native-models/onnx/onnx-model-writer.js';

/** Seeded values in [-scale, scale), reproducible across runs. */
export function seededValues(count: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (((s >>> 0) / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}

export interface EncoderSpec {
  layout: 'nchw' | 'nhwc';
  size: number;
  bands: number;
  dim: number;
  /** The batch dimension: symbolic (default 'N') or fixed. */
  batch?: Dim;
  /** Spatial dimensions written as symbolic (the model accepts any size). */
  dynamicSpatial?: boolean;
  /** A float16 input, cast to float32 inside the model. */
  halfInput?: boolean;
  seed?: number;
}

function imageInput(spec: EncoderSpec): OnnxValue {
  const batch = spec.batch ?? 'N';
  const side: Dim = spec.dynamicSpatial ? 'H' : spec.size;
  const other: Dim = spec.dynamicSpatial ? 'W' : spec.size;
  const shape = spec.layout === 'nchw' ? [batch, spec.bands, side, other] : [batch, side, other, spec.bands];
  return { name: 'pixels', shape, elemType: spec.halfInput ? ONNX_FLOAT16 : ONNX_FLOAT };
}

/** NHWC graphs transpose to NCHW first, so both layouts compute the same function of an image. */
function toNchw(spec: EncoderSpec): { nodes: OnnxNode[]; name: string } {
  const nodes: OnnxNode[] = spec.halfInput
    ? [{ op: 'Cast', inputs: ['pixels'], outputs: ['single'], attributes: { to: ONNX_FLOAT } }]
    : [];
  const from = spec.halfInput ? 'single' : 'pixels';
  if (spec.layout === 'nchw') return { nodes, name: from };
  return {
    nodes: [...nodes, { op: 'Transpose', inputs: [from], outputs: ['nchw'], attributes: { perm: [0, 3, 1, 2] } }],
    name: 'nchw',
  };
}

/** Dense weights: W is [bands·size·size, dim] over CHW-flattened pixels, b is [dim]. */
export function denseWeights(spec: EncoderSpec): { w: Float32Array; b: Float32Array } {
  const inputs = spec.bands * spec.size * spec.size;
  return {
    w: seededValues(inputs * spec.dim, (spec.seed ?? 1) * 7919, 1 / Math.sqrt(inputs)),
    b: seededValues(spec.dim, (spec.seed ?? 1) * 104_729),
  };
}

/** Flatten → MatMul(W) → Add(b): embedding = flatten_CHW(x)·W + b. */
export function denseEncoderModel(spec: EncoderSpec): Uint8Array {
  const { w, b } = denseWeights(spec);
  const front = toNchw(spec);
  return onnxModel({
    nodes: [
      ...front.nodes,
      { op: 'Flatten', inputs: [front.name], outputs: ['flat'], attributes: { axis: 1 } },
      { op: 'MatMul', inputs: ['flat', 'W'], outputs: ['projected'] },
      { op: 'Add', inputs: ['projected', 'b'], outputs: ['embedding'] },
    ],
    initializers: [
      { name: 'W', dims: [spec.bands * spec.size * spec.size, spec.dim], values: w },
      { name: 'b', dims: [spec.dim], values: b, raw: false },
    ],
    inputs: [imageInput(spec)],
    outputs: [{ name: 'embedding', shape: [spec.batch ?? 'N', spec.dim] }],
  });
}

/** The dense encoder in JS on one CHW image: the reference the tests compare against. */
export function denseEncode(spec: EncoderSpec, chw: Float32Array): Float32Array {
  const { w, b } = denseWeights(spec);
  const out = Float32Array.from(b);
  for (let i = 0; i < chw.length; i++) {
    const x = chw[i];
    for (let d = 0; d < spec.dim; d++) out[d] += x * w[i * spec.dim + d];
  }
  return out;
}

/**
 * Conv(3×3, stride 2, pad 1, `dim` filters) → Relu → GlobalAveragePool → Flatten, with a
 * second output (the feature map) so tests can pick an output by name.
 */
export function convEncoderModel(spec: EncoderSpec): Uint8Array {
  const front = toNchw(spec);
  const kernel = seededValues(spec.dim * spec.bands * 9, (spec.seed ?? 1) * 31, 0.3);
  const bias = seededValues(spec.dim, (spec.seed ?? 1) * 37, 0.1);
  const batch = spec.batch ?? 'N';
  return onnxModel({
    nodes: [
      ...front.nodes,
      {
        op: 'Conv',
        inputs: [front.name, 'K', 'B'],
        outputs: ['conv'],
        attributes: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
      },
      { op: 'Relu', inputs: ['conv'], outputs: ['features'] },
      { op: 'GlobalAveragePool', inputs: ['features'], outputs: ['pooled'] },
      { op: 'Flatten', inputs: ['pooled'], outputs: ['embedding'], attributes: { axis: 1 } },
    ],
    initializers: [
      { name: 'K', dims: [spec.dim, spec.bands, 3, 3], values: kernel },
      { name: 'B', dims: [spec.dim], values: bias },
    ],
    inputs: [imageInput(spec)],
    outputs: [
      { name: 'embedding', shape: [batch, spec.dim] },
      { name: 'features', shape: [batch, spec.dim, 'h', 'w'] },
    ],
  });
}

/** A model whose one input is `input` and whose output is that input, as float (Identity/Cast). */
export function passThroughModel(input: OnnxValue): Uint8Array {
  const isFloat = (input.elemType ?? ONNX_FLOAT) === ONNX_FLOAT;
  return onnxModel({
    nodes: [
      isFloat
        ? { op: 'Identity', inputs: [input.name], outputs: ['out'] }
        : { op: 'Cast', inputs: [input.name], outputs: ['out'], attributes: { to: ONNX_FLOAT } },
    ],
    initializers: [],
    inputs: [input],
    outputs: [{ name: 'out', shape: input.shape }],
  });
}

/**
 * A deeper encoder for benchmarks: 3×3 convolutions with stride 2 and ReLU through
 * `channels`, then GlobalAveragePool → Flatten; NCHW input with dynamic batch and side.
 */
export function convStackModel(bands: number, channels: number[], seed = 1): Uint8Array {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  let previous = 'pixels';
  let inChannels = bands;
  channels.forEach((out, i) => {
    initializers.push({
      name: `K${i}`,
      dims: [out, inChannels, 3, 3],
      values: seededValues(out * inChannels * 9, seed * 101 + i, Math.sqrt(2 / (9 * inChannels))),
    });
    initializers.push({ name: `B${i}`, dims: [out], values: new Float32Array(out) });
    nodes.push({
      op: 'Conv',
      inputs: [previous, `K${i}`, `B${i}`],
      outputs: [`conv${i}`],
      attributes: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
    });
    nodes.push({ op: 'Relu', inputs: [`conv${i}`], outputs: [`relu${i}`] });
    previous = `relu${i}`;
    inChannels = out;
  });
  nodes.push({ op: 'GlobalAveragePool', inputs: [previous], outputs: ['pooled'] });
  nodes.push({ op: 'Flatten', inputs: ['pooled'], outputs: ['embedding'], attributes: { axis: 1 } });
  return onnxModel({
    nodes,
    initializers,
    inputs: [{ name: 'pixels', shape: ['N', bands, 'H', 'W'] }],
    outputs: [{ name: 'embedding', shape: ['N', inChannels] }],
  });
}
