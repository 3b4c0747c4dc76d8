// Order statistics in place on typed arrays: the k-th smallest value (linear time),
// medians, interpolated quantiles and an allocation-free sort. Used per band per image (ingest), per segment
// (morphology features) and per label (the queue's kernel widths), where sorting, or
// TypedArray.prototype.sort's boxing, dominated the cost. Values must not be NaN.

type Numbers = Float32Array | Float64Array;

/**
 * Hoare partition of values[lo..hi] around the median of lo, mid and hi (so sorted and
 * constant input stay linear, and both scans stop inside the range). Afterwards
 * values[lo..j] ≤ pivot ≤ values[i..hi] with j < i; returns i, and j in `partitionEnd`
 * (a module variable rather than an allocated pair: this runs in the innermost loops).
 */
let partitionEnd = 0;
function partition(values: Numbers, lo: number, hi: number): number {
  const mid = (lo + hi) >>> 1;
  if (values[mid] < values[lo]) swap(values, mid, lo);
  if (values[hi] < values[lo]) swap(values, hi, lo);
  if (values[hi] < values[mid]) swap(values, hi, mid);
  const pivot = values[mid];
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (values[i] < pivot) i++;
    while (values[j] > pivot) j--;
    if (i <= j) swap(values, i++, j--);
  }
  partitionEnd = j;
  return i;
}

/** The k-th smallest (0-based) of values[0..n), by quickselect; reorders that part of `values`. */
export function selectKth(values: Numbers, k: number, n = values.length): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const i = partition(values, lo, hi);
    const j = partitionEnd;
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

const INSERTION_SORT_LENGTH = 16;

/**
 * Sorts values[from..to) ascending, in place, allocating nothing: TypedArray.prototype.sort
 * boxes every element, which made sorting segment pixels (Gini, M20) the largest cost of
 * the morphology features. Quicksort on the smaller side, loop on the larger (O(log n)
 * stack), insertion sort for short runs.
 */
export function sortInPlace(values: Numbers, from = 0, to = values.length): void {
  let lo = from;
  let hi = to - 1;
  while (hi - lo >= INSERTION_SORT_LENGTH) {
    const i = partition(values, lo, hi);
    const j = partitionEnd;
    if (j - lo < hi - i) {
      sortInPlace(values, lo, j + 1);
      lo = i;
    } else {
      sortInPlace(values, i, hi + 1);
      hi = j;
    }
  }
  for (let k = lo + 1; k <= hi; k++) {
    const v = values[k];
    let m = k - 1;
    while (m >= lo && values[m] > v) {
      values[m + 1] = values[m];
      m--;
    }
    values[m + 1] = v;
  }
}

function swap(values: Numbers, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}

/** The smallest of values[from..n): after selecting k, the (k+1)-th smallest is the minimum above it. */
function minimumFrom(values: Numbers, from: number, n: number): number {
  let min = Infinity;
  for (let i = from; i < n; i++) if (values[i] < min) min = values[i];
  return min;
}

/** Median of values[0..n) (mean of the two middle values when n is even); reorders them. NaN when n = 0. */
export function medianInPlace(values: Numbers, n = values.length): number {
  return quantileInPlace(values, 0.5, n);
}

/**
 * The q-quantile (0..1, linear interpolation between order statistics) of values[0..n); reorders them. NaN when n = 0.
 */
export function quantileInPlace(values: Numbers, q: number, n = values.length): number {
  if (n === 0) return NaN;
  const position = Math.min(n - 1, Math.max(0, q * (n - 1)));
  const lo = Math.floor(position);
  const low = selectKth(values, lo, n);
  if (position === lo) return low;
  return low + (minimumFrom(values, lo + 1, n) - low) * (position - lo);
}

/**
 * The smallest and largest finite value of values[from..to) in one pass (NaN is skipped here, unlike above);
 * { min: NaN, max: NaN } when there is none.
 */
export function finiteExtent(values: Numbers, from = 0, to = values.length): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}
