// Patch rarity: which part of an image is unlike anything in its typical neighbours. Each patch
// of the object's model input (patch-grid.ts) is compared with the patches of its typical
// neighbours' inputs, taken anywhere on them at half-patch steps, and its value is the distance
// to the nearest one. A patch is described by its pixel values sorted within each band, so a
// field star, a knot or a stretch of sky finds its like wherever it sits in the patch and at any
// orientation, while a trail, a cosmic-ray hit, a clipped core or a blank chip edge finds none
// among ordinary objects' patches. The map is each patch's distance less the object's median
// patch's, floored at 0: the noise every patch carries reads 0, so an overlay shows only the
// patches that stand out. This is the nearest-patch distance to a memory of normal
// patches that anomaly localisation commonly uses; it needs no model, so every image run has it,
// whatever embedding found the neighbours, and it costs one pass over ten neighbours' patches.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import { medianInPlace } from '../../../util/order-statistics.js';
import { forEachPatch, patchSide, patchStarts, spreadOverPatches } from './patch-grid.js';

/** Sorted values kept per band and patch (all of them when a patch holds fewer pixels). */
const QUANTILES = 16;

/**
 * The size × size map (row-major) of each pixel's patch rarity: the Euclidean distance from its patch's descriptor
 * to the nearest descriptor among the neighbours' patches, less the median of that distance over the object's
 * patches (at least 0). `input` and each neighbour are float16 bits, HWC.
 */
export function patchRarity(
  input: Uint16Array,
  size: number,
  bands: number,
  neighbours: readonly Uint16Array[],
): Float32Array {
  if (neighbours.length === 0) throw new Error('patch rarity needs at least one neighbour to compare with');
  for (const image of [input, ...neighbours]) {
    if (image.length !== size * size * bands) throw new Error(`a model input of ${size}×${size}×${bands} expected`);
  }
  const patch = patchSide(size);
  const starts = patchStarts(size, patch, patch);
  const own = patchDescriptors(input, size, bands, patch, starts);
  const memoryStarts = patchStarts(size, patch, Math.max(1, Math.floor(patch / 2)));
  const memory = neighbours.map((image) => patchDescriptors(image, size, bands, patch, memoryStarts));
  const width = own.width;
  const patches = own.values.length / width;
  const nearest = new Float64Array(patches).fill(Infinity);
  for (const other of memory) {
    const count = other.values.length / width;
    for (let p = 0; p < patches; p++) {
      for (let m = 0; m < count; m++) {
        let squares = 0;
        for (let d = 0; d < width && squares < nearest[p]; d++) {
          const diff = own.values[p * width + d] - other.values[m * width + d];
          squares += diff * diff;
        }
        if (squares < nearest[p]) nearest[p] = squares;
      }
    }
  }
  const distances = Float64Array.from(nearest, Math.sqrt);
  const typical = medianInPlace(Float64Array.from(distances), patches);
  return spreadOverPatches(size, patch, starts, (p) => Math.max(0, distances[p] - typical));
}

/** Each patch's descriptor, patch after patch: per band, QUANTILES of its sorted values (a non-finite pixel as 0). */
function patchDescriptors(
  image: Uint16Array,
  size: number,
  bands: number,
  patch: number,
  starts: number[],
): { values: Float32Array; width: number } {
  const pixels = fromFloat16Bits(image);
  const n = patch * patch;
  const kept = Math.min(QUANTILES, n);
  const width = bands * kept;
  const values = new Float32Array(starts.length * starts.length * width);
  const scratch = new Float32Array(n);
  forEachPatch(starts, (p, x0, y0) => {
    for (let b = 0; b < bands; b++) {
      let i = 0;
      for (let y = y0; y < y0 + patch; y++) {
        for (let x = x0; x < x0 + patch; x++) {
          const v = pixels[(y * size + x) * bands + b];
          scratch[i++] = Number.isFinite(v) ? v : 0;
        }
      }
      scratch.sort();
      // The middle of each of `kept` equal slices of the sorted values.
      for (let q = 0; q < kept; q++) values[p * width + b * kept + q] = scratch[Math.floor(((q + 0.5) * n) / kept)];
    }
  });
  return { values, width };
}
