// Shared pieces of Serendip's convolution gradient kernels (wasm, webgpu): validating the
// options they support, the pad-or-crop and zero-insertion steps that turn a gradient of a
// convolution into plain ops the backend runs fast, and the wrapper that makes such ops a kernel.
import * as tf from '@tensorflow/tfjs';

type Rank4 = [number, number, number, number];

export interface Conv2DGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
}

/** Throws a clear error for the options these kernels do not implement. */
export function assertSupported(kernelName: string, attrs: Conv2DGradAttrs): void {
  if (attrs.dataFormat != null && attrs.dataFormat !== 'NHWC') {
    throw new Error(
      `${kernelName} on ${tf.getBackend()} (serendip kernel): dataFormat '${attrs.dataFormat}' is not ` +
        `supported; use 'NHWC' (channelsLast).`,
    );
  }
  const dilations = attrs.dilations ?? 1;
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1) {
    const where = `${kernelName} on ${tf.getBackend()} (serendip kernel)`;
    throw new Error(`${where}: dilations [${dh}, ${dw}] are not supported; only 1.`);
  }
}

/** tfjs's own convolution geometry (output size, padding of each side) for NHWC. */
export function convInfo(xShape: Rank4, filterShape: Rank4, attrs: Conv2DGradAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * Pads (positive) or crops (negative) the two spatial axes of an NHWC tensor. Explicit
 * paddings can exceed what a gradient needs, so a side may have to shrink instead of grow.
 */
export function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const grown = tf.pad(x, [
    [0, 0],
    [Math.max(top, 0), Math.max(bottom, 0)],
    [Math.max(left, 0), Math.max(right, 0)],
    [0, 0],
  ]);
  const cropTop = Math.max(-top, 0);
  const cropLeft = Math.max(-left, 0);
  const height = h + top + bottom;
  const width = w + left + right;
  if (cropTop === 0 && cropLeft === 0 && height === grown.shape[1] && width === grown.shape[2]) return grown;
  return tf.slice(grown, [0, cropTop, cropLeft, 0], [n, height, width, c]);
}

/**
 * Inserts (stride - 1) zeros between neighbouring pixels: [n, h, w, c] → [n, (h-1)sh+1, (w-1)sw+1, c].
 * Done with reshape and pad only, so it costs one copy.
 */
export function insertZeros(x: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  if (strideHeight === 1 && strideWidth === 1) return x;
  const [n, h, w, c] = x.shape;
  const spread = tf
    .reshape(x, [n, h, 1, w, 1, c])
    .pad([
      [0, 0],
      [0, 0],
      [0, strideHeight - 1],
      [0, 0],
      [0, strideWidth - 1],
      [0, 0],
    ])
    .reshape<tf.Tensor4D>([n, h * strideHeight, w * strideWidth, c]);
  return tf.slice(spread, [0, 0, 0, 0], [n, (h - 1) * strideHeight + 1, (w - 1) * strideWidth + 1, c]);
}

/**
 * Wraps a kernel input as a Tensor so that ops can use it. The wrapper shares the input's
 * data, so it takes its own reference: disposing it must not free the caller's data.
 */
function asTensor4D(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  name: string,
  backend: tf.KernelBackend,
): tf.Tensor4D {
  const info = inputs[name];
  if (!info || info.shape.length !== 4)
    throw new Error(`${kernelName} on ${tf.getBackend()} (serendip kernel): input '${name}' must be a rank-4 tensor.`);
  const wrapper = tf.engine().makeTensorFromTensorInfo(info, backend) as tf.Tensor4D;
  backend.incRef(info.dataId);
  return wrapper;
}

/** A kernel written with tfjs ops; the registry (register-training-kernels.ts) names its backends. */
export type TrainingKernel = Pick<tf.KernelConfig, 'kernelName' | 'kernelFunc'>;

/** Makes `compute(first, second, attrs)`, on the two named rank-4 inputs, a kernel. */
export function convGradientKernel<Attrs>(
  kernelName: string,
  [first, second]: [string, string],
  compute: (a: tf.Tensor4D, b: tf.Tensor4D, attrs: Attrs) => tf.Tensor4D,
): TrainingKernel {
  const kernelFunc = ({
    inputs,
    attrs,
    backend,
  }: {
    inputs: tf.NamedTensorInfoMap;
    attrs?: tf.NamedAttrMap;
    backend: tf.KernelBackend;
  }): tf.TensorInfo =>
    tf.tidy(() => {
      const a = asTensor4D(kernelName, inputs, first, backend);
      const b = asTensor4D(kernelName, inputs, second, backend);
      return compute(a, b, attrs as unknown as Attrs);
    });
  return { kernelName, kernelFunc: kernelFunc as unknown as tf.KernelFunc };
}
