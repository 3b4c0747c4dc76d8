// Stored HWC images → the model's tensor: an unchanged copy at the same side, the NCHW or
// NHWC layout, bilinear resizing with half-pixel centres, mean/std per channel, and masked
// (NaN) pixels fed as the background.
import { describe, expect, it } from 'vitest';
import {
  ImageFeed,
  bilinearAxis,
  channelAffine,
  planInput,
  type InputPlan,
} from '../../../../native-models/onnx/index.js';

function plan(layout: 'nchw' | 'nhwc', size: number, bands: number): InputPlan {
  const shape = layout === 'nchw' ? ['N', bands, size, size] : ['N', size, size, bands];
  return planInput({ name: 'x', type: 'float32', shape }, bands, size);
}

/** HWC image whose value encodes its position: 100·y + 10·x + c. */
function positional(size: number, bands: number): Float32Array {
  const out = new Float32Array(size * size * bands);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < bands; c++) out[(y * size + x) * bands + c] = 100 * y + 10 * x + c;
  return out;
}

describe('ImageFeed', () => {
  it('copies pixels unchanged at the stored side, in either layout', () => {
    const image = positional(4, 2);
    const nhwc = new ImageFeed(plan('nhwc', 4, 2), 4, { method: 'asinh' }).pack(image, 1);
    expect(Array.from(nhwc)).toEqual(Array.from(image));
    const nchw = new ImageFeed(plan('nchw', 4, 2), 4, { method: 'asinh' }).pack(image, 1);
    expect(nchw[0 * 16 + 2 * 4 + 3]).toBe(230); // channel 0, y 2, x 3
    expect(nchw[1 * 16 + 1 * 4 + 0]).toBe(101); // channel 1, y 1, x 0
  });

  it('packs several images one after another', () => {
    const two = new Float32Array([...positional(2, 1), ...positional(2, 1).map((v) => v + 1000)]);
    const out = new ImageFeed(plan('nchw', 2, 1), 2, { method: 'asinh' }).pack(two, 2);
    expect(Array.from(out)).toEqual([0, 10, 100, 110, 1000, 1010, 1100, 1110]);
  });

  it('resizes bilinearly with half-pixel centres (a linear ramp stays linear inside)', () => {
    // 4 → 2: output pixel o samples at (o + 0.5)·2 − 0.5 = 0.5, 2.5: the mean of each 2×2 block here.
    const down = new ImageFeed(plan('nhwc', 2, 1), 4, { method: 'asinh' }).pack(positional(4, 1), 1);
    expect(Array.from(down)).toEqual([55, 75, 255, 275]);
    // 2 → 4: positions −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    const axis = bilinearAxis(2, 4);
    expect(Array.from(axis.lo)).toEqual([0, 0, 0, 1]);
    expect(Array.from(axis.frac)).toEqual([0, 0.25, 0.75, 0]);
    const up = new ImageFeed(plan('nhwc', 4, 1), 2, { method: 'asinh' }).pack(positional(2, 1), 1);
    expect(Array.from(up.subarray(0, 4))).toEqual([0, 2.5, 7.5, 10]);
  });

  it('applies (v − mean)/std per channel and feeds NaN as the background', () => {
    const image = new Float32Array([1, 2, NaN, 4]); // a 2×2 one-band image
    const out = new ImageFeed(plan('nchw', 2, 1), 2, { method: 'meanstd', mean: [1], std: [2] }).pack(image, 1);
    expect(Array.from(out)).toEqual([0, 0.5, -0.5, 1.5]);
    const affine = channelAffine({ method: 'meanstd', mean: [0.5, 1, 2], std: [1, 2, 4] }, 3);
    expect(Array.from(affine.scale)).toEqual([1, 0.5, 0.25]);
    expect(Array.from(affine.offset)).toEqual([-0.5, -0.5, -0.5]);
    expect(() => channelAffine({ method: 'meanstd', mean: [0, 0], std: [1] }, 3)).toThrow(
      /--mean has 2 values; give 1 or 3/,
    );
    expect(() => channelAffine({ method: 'meanstd', mean: [0], std: [0] }, 3)).toThrow(/--std values must be positive/);
  });
});
