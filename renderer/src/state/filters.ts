// The filter panel's histograms: counts of a column in equal bins, of every object and of the
// objects the filter shows (the mask itself comes from electron/core/api/map-filter-points.ts;
// a column's extent from finiteExtent in electron/core/util/order-statistics.ts).
/** Counts of `values` in `bins` equal bins over [min, max] (rows where `mask` is 0, and NaNs, left out). */
export function histogram(
  values: Float32Array,
  min: number,
  max: number,
  bins: number,
  mask?: Uint8Array,
): Uint32Array {
  const counts = new Uint32Array(bins);
  const scale = max > min ? bins / (max - min) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= min && v <= max) || (mask && !mask[i])) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) * scale))]++;
  }
  return counts;
}
