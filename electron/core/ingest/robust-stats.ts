// Robust statistics over finite values only (NaN and ±Inf are ignored): the median and
// the MAD drive the model-input normalisation, percentiles the thumbnail stretch.

/** Finite values of `values`, copied (optionally every `step`-th, to bound the cost). */
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

/** The q-quantile (0..1) of finite values, by sorting a copy; NaN when there are none. */
export function quantile(sortedOrNot: Float32Array, q: number, alreadySorted = false): number {
  if (sortedOrNot.length === 0) return NaN;
  const sorted = alreadySorted ? sortedOrNot : Float32Array.from(sortedOrNot).sort();
  const position = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(position);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

export interface MedianMad {
  median: number;
  /** Median absolute deviation scaled by 1.4826, so it estimates σ for Gaussian noise. */
  sigma: number;
}

export function medianAndSigma(values: Float32Array, maxSamples = 20000): MedianMad {
  const sample = finiteSample(values, maxSamples).sort();
  if (sample.length === 0) return { median: 0, sigma: 1 };
  const median = quantile(sample, 0.5, true);
  const deviations = new Float32Array(sample.length);
  for (let i = 0; i < sample.length; i++) deviations[i] = Math.abs(sample[i] - median);
  deviations.sort();
  let sigma = 1.4826 * quantile(deviations, 0.5, true);
  if (!(sigma > 0)) {
    // More than half the pixels share one value (blank frames, saturated 8-bit images):
    // fall back to the spread of all values, then to 1, so the result stays finite.
    const spread = sample[sample.length - 1] - sample[0];
    sigma = spread > 0 ? spread / 6 : 1;
  }
  return { median, sigma };
}
