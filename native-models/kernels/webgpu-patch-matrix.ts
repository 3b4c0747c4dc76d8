// The im2col patch matrix of an NHWC input, built on the webgpu backend by one shader. Built
// from ops instead (pad, a strided slice per filter tap, a concat) the filter gradient took
// twice as long on SwiftShader (1,989 against 985 ms at 32×32×32→64, batch 32); here each
// element is read straight from x, the padding as zeros, so x is neither padded nor sliced.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Which images of x the matrix covers, and its width (≥ fh·fw·ci; the extra columns are 0). */
export interface PatchRange {
  firstImage: number;
  images: number;
  columns: number;
}

class PatchMatrixProgram implements WebGPUProgram {
  variableNames = ['x'];
  uniforms =
    'pads : vec2<i32>, strides : vec2<i32>, filterWidth : i32, outWidth : i32, pixels : i32, ' +
    'firstImage : i32, taps : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  shaderKey = 'serendipPatchMatrix';
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(rows: number, columns: number) {
    this.outputShape = [rows, columns];
    this.dispatchLayout = { x: [0, 1] };
    this.dispatch = [Math.ceil((rows * columns) / this.workgroupSize[0]), 1, 1];
  }

  // Row (n, y, x) = output pixel, column (i, j, c) = filter tap and input channel.
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let channels = uniforms.xShape[3];
          let tap = coords[1] / channels;
          var value = 0.0;
          if (tap < uniforms.taps) {
            let image = uniforms.firstImage + coords[0] / uniforms.pixels;
            let pixel = coords[0] % uniforms.pixels;
            let outAt = vec2<i32>(pixel / uniforms.outWidth, pixel % uniforms.outWidth);
            let tapAt = vec2<i32>(tap / uniforms.filterWidth, tap % uniforms.filterWidth);
            let xAt = outAt * uniforms.strides - uniforms.pads + tapAt;
            if (all(xAt >= vec2<i32>(0)) && all(xAt < uniforms.xShape.yz)) {
              value = getX(image, xAt[0], xAt[1], coords[1] % channels);
            }
          }
          setOutputAtIndex(index, value);
        }
      }
    `;
  }
}

/** Rows (n, y, x) of `range`'s images, columns (i, j, c): [images·ho·wo, range.columns]. */
export function webgpuPatchMatrix(x: tf.Tensor4D, info: tf.backend_util.Conv2DInfo, range: PatchRange): tf.Tensor2D {
  if (tf.getBackend() !== 'webgpu')
    throw new Error(`the im2col patch matrix runs on the webgpu backend only; the backend is ${tf.getBackend()}`);
  const backend = tf.backend() as WebGPUBackend;
  const pixels = info.outHeight * info.outWidth;
  const program = new PatchMatrixProgram(range.images * pixels, range.columns);
  const uniforms = [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.filterWidth] },
    { type: 'int32', data: [info.outWidth] },
    { type: 'int32', data: [pixels] },
    { type: 'int32', data: [range.firstImage] },
    { type: 'int32', data: [info.filterHeight * info.filterWidth] },
  ];
  const out = backend.runWebGPUProgram(program, [x], 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor2D;
}
