// Turning a score column into the queue the user walks: the rows not yet labelled, highest
// score first. Ties go to the lower row so that a queue never reshuffles between two calls
// on the same inputs (the UI re-ranks after every keypress and must not flicker).

/** 1 for each row in `rows`; rows outside [0, count) are an error, not silently dropped. */
export function rowMask(count: number, rows: Iterable<number>): Uint8Array {
  const mask = new Uint8Array(count);
  for (const row of rows) {
    if (!Number.isInteger(row) || row < 0 || row >= count)
      throw new RangeError(`row ${row} is outside 0..${count - 1}`);
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

/**
 * The first `limit` rows of descendingOrder(score, excluded), without sorting the rest: the
 * queue shows a page of rows out of a million, and a full sort costs about a second there.
 * A bounded heap keeps the best `limit` seen; most rows lose to its weakest at one compare.
 */
export function topOrder(score: ArrayLike<number>, excluded: Uint8Array | null, limit: number): Int32Array {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  const count = score.length;
  const heapRows = new Int32Array(Math.min(limit, count));
  const heapKeys = new Float64Array(heapRows.length);
  let size = 0;
  // "a is worse than b": lower key, or an equal key on a higher row (descendingOrder's tie rule).
  const worse = (ka: number, ra: number, kb: number, rb: number): boolean => ka < kb || (ka === kb && ra > rb);
  const siftDown = (at: number): void => {
    const key = heapKeys[at];
    const row = heapRows[at];
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child =
        right < size && worse(heapKeys[right], heapRows[right], heapKeys[left], heapRows[left]) ? right : left;
      if (!worse(heapKeys[child], heapRows[child], key, row)) break;
      heapKeys[at] = heapKeys[child];
      heapRows[at] = heapRows[child];
      at = child;
    }
    heapKeys[at] = key;
    heapRows[at] = row;
  };
  if (heapRows.length > 0) {
    for (let i = 0; i < count; i++) {
      if (excluded && excluded[i]) continue;
      const key = Number.isNaN(score[i]) ? -Infinity : score[i];
      if (size < heapRows.length) {
        // Sift up: the heap's root is its weakest entry.
        let at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(key, i, heapKeys[parent], heapRows[parent])) break;
          heapKeys[at] = heapKeys[parent];
          heapRows[at] = heapRows[parent];
          at = parent;
        }
        heapKeys[at] = key;
        heapRows[at] = i;
      } else if (worse(heapKeys[0], heapRows[0], key, i)) {
        heapKeys[0] = key;
        heapRows[0] = i;
        siftDown(0);
      }
    }
  }
  const out = heapRows.slice(0, size);
  out.sort((a, b) => {
    const ka = Number.isNaN(score[a]) ? -Infinity : score[a];
    const kb = Number.isNaN(score[b]) ? -Infinity : score[b];
    return kb - ka || a - b;
  });
  return out;
}
