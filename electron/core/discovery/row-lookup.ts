// The row of an object id in a run's id column. Runs written from the model-input reader list
// ids in ascending order, so a binary search answers without building a million-entry Map
// (which costs more than the lookups it serves); other orders fall back to a Map.

export type RowLookup = (id: number) => number | undefined;

function ascending(ids: Float64Array): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) return false;
  return true;
}

export function rowLookup(ids: Float64Array): RowLookup {
  if (ascending(ids)) {
    return (id) => {
      let lo = 0;
      let hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] < id) lo = mid + 1;
        else if (ids[mid] > id) hi = mid - 1;
        else return mid;
      }
      return undefined;
    };
  }
  const rows = new Map<number, number>();
  ids.forEach((id, row) => rows.set(id, row));
  return (id) => rows.get(id);
}

/** True when two id columns list the same ids in the same order (then rows correspond directly). */
export function sameIds(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Writes each of `values` (one per `valueIds`) into `into` at the row its id has in `ids`
 * (looked up with `rowOf`); values of ids absent there are dropped, rows without a value keep
 * what `into` held. Columns in the same row order, the usual case, are copied whole.
 */
export function placeByIds(
  into: Float32Array | Float64Array,
  ids: Float64Array,
  rowOf: RowLookup,
  valueIds: Float64Array,
  values: ArrayLike<number>,
): void {
  if (sameIds(valueIds, ids)) {
    into.set(values);
    return;
  }
  valueIds.forEach((id, i) => {
    const row = rowOf(id);
    if (row !== undefined) into[row] = values[i];
  });
}
