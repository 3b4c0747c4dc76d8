// An in-place ascending sort of part of a Float32Array. V8's TypedArray.prototype.sort boxes
// every element while sorting, which made sorting a segment's pixels (Gini, M20) the single
// largest cost of the morphology features and kept the garbage collector busy; this
// quicksort (median-of-three pivot, insertion sort for short runs, loop on the larger side
// so the stack stays O(log n)) allocates nothing. Values must not be NaN.

const INSERTION_SORT_LENGTH = 16;

/** Sorts values[from..to) ascending. */
export function sortFloat32(values: Float32Array, from = 0, to = values.length): void {
  let lo = from;
  let hi = to - 1;
  while (hi - lo >= INSERTION_SORT_LENGTH) {
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
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller part, loop on the larger.
    if (j - lo < hi - i) {
      sortFloat32(values, lo, j + 1);
      lo = i;
    } else {
      sortFloat32(values, i, hi + 1);
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

function swap(values: Float32Array, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}
