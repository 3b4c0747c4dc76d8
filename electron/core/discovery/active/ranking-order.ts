// Turning a score column into the queue the user walks: the rows not yet labelled, highest
// score first. Ties go to the lower row so that a queue never reshuffles between two calls
// on the same inputs (the UI re-ranks after every keypress and must not flicker).

/** 1 for each row in `rows`; rows outside [0, count) are an error, not silently dropped. */
export function rowMask(count: number, rows: Iterable<number>): Uint8Array {
  const mask = new Uint8Array(count);
  for (const row of rows) {
    if (!Number.isInteger(row) || row < 0 || row >= count) throw new RangeError(`row ${row} is outside 0..${count - 1}`);
    mask[row] = 1;
  }
  return mask;
}

/**
 * Rows where `excluded` is 0 (all rows when it is null), by descending `score`. NaN scores
 * go last: a row nothing could score is the least useful thing to show.
 */
export function descendingOrder(score: ArrayLike<number>, excluded: Uint8Array | null = null): Int32Array {
  const count = score.length;
  let kept = 0;
  for (let i = 0; i < count; i++) if (!excluded || !excluded[i]) kept++;
  const order = new Int32Array(kept);
  // NaN becomes -Infinity for the comparison; a plain Float64Array copy keeps the comparator monomorphic.
  const key = new Float64Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    key[i] = Number.isNaN(score[i]) ? -Infinity : score[i];
    if (!excluded || !excluded[i]) order[at++] = i;
  }
  order.sort((a, b) => key[b] - key[a] || a - b);
  return order;
}
