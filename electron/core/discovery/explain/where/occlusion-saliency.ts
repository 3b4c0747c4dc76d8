// Occlusion saliency: which part of a model input makes it odd. Each patch of the input is
// masked in turn, every masked copy is embedded in one batch by the run's own embedder, and a
// patch's value is how much the mean distance to the object's typical neighbours FALLS when it
// is masked: positive where the patch's content pulls the object away from ordinary objects.
// Patches are 1/8 of the input's side (8 px at 64 px), side by side by default: 64 masked copies,
// which the morphology features embed in well under the 300 ms an explanation may take on the
// CPU, where patches overlapping by half (225 copies) cost 3.5 times as much for a map only
// twice as sharp. With overlap each pixel gets the mean over the patches that cover it.
import { float16BitsOf, fromFloat16Bits } from '../../../formats/arrays/float16.js';
import { medianInPlace } from '../../../util/order-statistics.js';
import { forEachPatch, patchSide, patchStarts, spreadOverPatches } from './patch-grid.js';

export interface OcclusionSettings {
  /** Side of a patch in pixels (default size / 8). */
  patch?: number;
  /** Step between patches (default a patch: side by side; less makes them overlap). */
  stride?: number;
}

/** Embeds `count` float16 inputs (size × size × bands, HWC, row after row) as count × dim vectors. */
export type EmbedInputs = (half: Uint16Array, count: number) => Promise<Float32Array>;

export interface OcclusionSaliency {
  /** size × size, row-major: each pixel the mean fall in distance over the patches that cover it. */
  values: Float32Array;
  /** The unmasked input's mean distance to the neighbours, as the embedder places it. */
  baseline: number;
  /** Masked copies embedded (the unmasked one not counted). */
  variants: number;
}

export async function occlusionSaliency(
  input: Uint16Array,
  size: number,
  bands: number,
  embed: EmbedInputs,
  neighbours: { vectors: Float32Array; count: number },
  settings: OcclusionSettings = {},
): Promise<OcclusionSaliency> {
  const patch = settings.patch ?? patchSide(size);
  const stride = settings.stride ?? patch;
  const starts = patchStarts(size, patch, stride);
  const patches = starts.length * starts.length;
  const rowLength = size * size * bands;
  const fill = backgroundBits(input, size * size, bands);

  // Row 0 is the unmasked input: its distance is the baseline, measured by the same embedder as the masked ones.
  const half = new Uint16Array((patches + 1) * rowLength);
  for (let v = 0; v <= patches; v++) half.set(input, v * rowLength);
  forEachPatch(starts, (p, x0, y0) => {
    const row = (p + 1) * rowLength;
    for (let y = y0; y < y0 + patch; y++) {
      for (let x = x0; x < x0 + patch; x++) {
        const at = row + (y * size + x) * bands;
        for (let b = 0; b < bands; b++) half[at + b] = fill[b];
      }
    }
  });
  const vectors = await embed(half, patches + 1);
  const dim = vectors.length / (patches + 1);
  const distances = meanDistances(vectors, patches + 1, dim, neighbours);

  const values = spreadOverPatches(size, patch, starts, (p) => distances[0] - distances[p + 1]);
  return { values, baseline: distances[0], variants: patches };
}

/**
 * What a masked pixel holds, per band: the input's median, i.e. its sky, since a cutout is mostly sky. Zeros
 * (or NaN) would cut a dark or blank hole below the sky, an artefact the embedding may find odd in itself, so
 * the map would light up wherever masking makes a hole; sky makes a masked patch look empty, and the change in
 * distance measures what the patch's own content contributed.
 */
function backgroundBits(input: Uint16Array, pixels: number, bands: number): Uint16Array {
  const values = fromFloat16Bits(input);
  const band = new Float32Array(pixels);
  const bits = new Uint16Array(bands);
  for (let b = 0; b < bands; b++) {
    let n = 0;
    for (let i = 0; i < pixels; i++) {
      const v = values[i * bands + b];
      if (Number.isFinite(v)) band[n++] = v;
    }
    bits[b] = float16BitsOf(n > 0 ? medianInPlace(band, n) : 0);
  }
  return bits;
}

/** Each row's mean Euclidean distance to the neighbours' vectors. */
function meanDistances(
  vectors: Float32Array,
  rows: number,
  dim: number,
  neighbours: { vectors: Float32Array; count: number },
): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let n = 0; n < neighbours.count; n++) {
      let squares = 0;
      for (let d = 0; d < dim; d++) {
        const diff = vectors[r * dim + d] - neighbours.vectors[n * dim + d];
        squares += diff * diff;
      }
      total += Math.sqrt(squares);
    }
    out[r] = total / Math.max(1, neighbours.count);
  }
  return out;
}
