// The patch grid both "where" maps are made on: square patches 1/8 of the model input's side,
// side by side (8 px at 64 px), so a map's value belongs to a patch and the two maps line up.

/** Patches per side of the input, before overlap. */
const PATCHES_PER_SIDE = 8;

/** A patch's side for a size × size input. */
export function patchSide(size: number): number {
  return Math.max(1, Math.round(size / PATCHES_PER_SIDE));
}

/** Patch starts along one side: every `stride`, and a last one flush with the edge so every pixel is covered. */
export function patchStarts(size: number, patch: number, stride: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s + patch < size; s += stride) starts.push(s);
  starts.push(size - patch);
  return starts;
}

/** Visits every patch, row after row of patches, with its index and top-left corner. */
export function forEachPatch(starts: number[], visit: (patch: number, x0: number, y0: number) => void): void {
  let p = 0;
  for (const y0 of starts) for (const x0 of starts) visit(p++, x0, y0);
}

/** A size × size map (row-major) in which each pixel holds the mean of `valueOf` over the patches that cover it. */
export function spreadOverPatches(
  size: number,
  patch: number,
  starts: number[],
  valueOf: (patch: number) => number,
): Float32Array {
  const sums = new Float64Array(size * size);
  const covers = new Uint16Array(size * size);
  forEachPatch(starts, (p, x0, y0) => {
    const value = valueOf(p);
    for (let y = y0; y < y0 + patch; y++) {
      for (let x = x0; x < x0 + patch; x++) {
        sums[y * size + x] += value;
        covers[y * size + x]++;
      }
    }
  });
  return Float32Array.from(sums, (sum, i) => sum / covers[i]);
}
