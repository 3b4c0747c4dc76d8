// How much of an exact nearest-neighbour answer an approximate one found, for the ANN index
// tests and benchmark.

/** Fraction of the exact top-k (row by row, `k` per row) that the approximate answer holds, in any order. */
export function knnRecall(approx: Int32Array, exact: Int32Array, rows: number, k: number): number {
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const truth = new Set(exact.subarray(r * k, (r + 1) * k));
    for (const i of approx.subarray(r * k, (r + 1) * k)) if (truth.has(i)) hits++;
  }
  return hits / (rows * k);
}
