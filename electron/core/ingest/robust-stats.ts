// Robust statistics over finite values only (NaN and ±Inf are ignored): the median and
// the MAD drive the model-input normalisation, quantiles the thumbnail stretch. Order
// statistics use quickselect (linear time) rather than a sort: these run per band per
// image and dominated FITS ingest when they sorted.

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

/** Rearranges `a` so a[k] is the value a sort would put there; returns it. */
export function selectKth(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // Median of three as pivot keeps sorted and constant inputs linear.
    const mid = (lo + hi) >> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The q-quantile (0..1, linear interpolation) of a finite sample, which it reorders; NaN when empty. */
export function quantileInPlace(sample: Float32Array, q: number): number {
  if (sample.length === 0) return NaN;
  const position = Math.min(sample.length - 1, Math.max(0, q * (sample.length - 1)));
  const lo = Math.floor(position);
  const low = selectKth(sample, lo);
  if (position === lo) return low;
  // After selection everything above index lo is ≥ a[lo]; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < sample.length; i++) if (sample[i] < next) next = sample[i];
  return low + (next - low) * (position - lo);
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
