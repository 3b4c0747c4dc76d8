// Robust statistics over finite values only (NaN and ±Inf are ignored): the median and
// the MAD drive the model-input normalisation, quantiles the thumbnail stretch. Order
// statistics use quickselect (util/order-statistics.ts) rather than a sort: these run per
// band per image and dominated FITS ingest when they sorted.
import { quantileInPlace } from '../util/order-statistics.js';

/** Finite values of `values`, copied (every `step`-th when there are more than `maxSamples`). */
export function finiteSample(values: Float32Array, maxSamples = Infinity): Float32Array {
  const step = Math.max(1, Math.floor(values.length / maxSamples));
  const out = new Float32Array(Math.ceil(values.length / step));
  let n = 0;
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}

export interface MedianMad {
  median: number;
  /** Median absolute deviation scaled by 1.4826, so it estimates σ for Gaussian noise. */
  sigma: number;
}

export function medianAndSigma(values: Float32Array, maxSamples = 20000): MedianMad {
  const sample = finiteSample(values, maxSamples);
  if (sample.length === 0) return { median: 0, sigma: 1 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] < min) min = sample[i];
    if (sample[i] > max) max = sample[i];
  }
  const median = quantileInPlace(sample, 0.5);
  for (let i = 0; i < sample.length; i++) sample[i] = Math.abs(sample[i] - median);
  let sigma = 1.4826 * quantileInPlace(sample, 0.5);
  if (!(sigma > 0)) {
    // More than half the pixels share one value (blank frames, saturated 8-bit images):
    // fall back to the spread of all values, then to 1, so the result stays finite.
    sigma = max > min ? (max - min) / 6 : 1;
  }
  return { median, sigma };
}
