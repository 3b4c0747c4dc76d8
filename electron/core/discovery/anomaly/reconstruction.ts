// Reconstruction error as an anomaly score: the mean squared difference between each row a
// model was given (pixels, a spectrum or an embedding) and what it gave back. Rows come in
// batches from the model, so this works on one batch at a time. A flexible model can rebuild
// simple or noisy inputs well (Muthukrishna+2021), so this score is meant to enter the rank
// ensemble beside the others, not to rank alone; rows without a reconstruction score NaN there.

/**
 * Mean squared error per row of `rowLength` values; higher = more anomalous. NaN in either
 * input makes that row's score NaN ("not scored"), which ensembleByRank then skips.
 */
export function reconstructionError(
  inputs: Float32Array,
  reconstructions: Float32Array,
  rowLength: number,
): Float64Array {
  if (!Number.isInteger(rowLength) || rowLength < 1) throw new Error(`invalid row length ${rowLength}`);
  if (inputs.length !== reconstructions.length) {
    throw new Error(`inputs have ${inputs.length} values but reconstructions ${reconstructions.length}`);
  }
  if (inputs.length % rowLength !== 0)
    throw new Error(`${inputs.length} values do not split into rows of ${rowLength}`);
  const rows = inputs.length / rowLength;
  const out = new Float64Array(rows);
  for (let i = 0, at = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < rowLength; j++, at++) {
      const diff = inputs[at] - reconstructions[at];
      sum += diff * diff;
    }
    out[i] = sum / rowLength;
  }
  return out;
}
