// The vectors PCA sees: model-input values (asinh-normalised pixels) averaged over bin×bin
// blocks, band by band, flattened HWC. A 64×64×3 input binned by 2 becomes 3,072 numbers
// instead of 12,288, which divides the cost of every matrix product by four. The leading
// principal components of galaxy images are smooth at that scale, so they barely change
// (the embedding benchmark compares against scikit-learn on the same binned pixels).
// Values that do not decode to a finite number count as 0, the sky level.
// A spectrum's input ([length, 2]: normalised flux, good mask) gives PCA its flux channel only,
// binned along wavelength: bad bins already hold 0 flux, and the mask would add a second copy
// of the coverage pattern that PCA would spend components on.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';

let valueOfHalfTable: Float32Array | null = null;

/** Every half value as float32, non-finite ones as 0. */
function valueOfHalf(): Float32Array {
  if (!valueOfHalfTable) {
    const bits = new Uint16Array(65536);
    for (let h = 0; h < 65536; h++) bits[h] = h;
    const table = fromFloat16Bits(bits);
    for (let h = 0; h < 65536; h++) if (!Number.isFinite(table[h])) table[h] = 0;
    valueOfHalfTable = table;
  }
  return valueOfHalfTable;
}

/** The bin used when none is given: 2 for frames of 32 pixels and more (when even), else 1. */
export function defaultPixelBin(size: number): number {
  return size >= 32 && size % 2 === 0 ? 2 : 1;
}

/** Length of one pixel vector. */
export function pixelVectorLength(size: number, bands: number, bin: number): number {
  const binned = Math.floor(size / bin);
  return binned * binned * bands;
}

/**
 * Pixel vectors of `count` stored (float16) model inputs, written row after row to `out`
 * from row `outRow`. A frame whose size is not a multiple of `bin` loses its last rows and columns.
 */
export function pixelVectorsFromHalf(
  half: Uint16Array,
  count: number,
  size: number,
  bands: number,
  bin: number,
  out: Float32Array,
  outRow = 0,
): void {
  const table = valueOfHalf();
  const binned = Math.floor(size / bin);
  const length = binned * binned * bands;
  const inputLength = size * size * bands;
  const weight = 1 / (bin * bin);
  for (let i = 0; i < count; i++) {
    const source = i * inputLength;
    const target = (outRow + i) * length;
    if (bin === 1) {
      for (let k = 0; k < inputLength; k++) out[target + k] = table[half[source + k]];
      continue;
    }
    // Each output value gathers its bin×bin inputs directly: one write per output, no second pass.
    const rowStride = size * bands;
    let t = target;
    for (let oy = 0; oy < binned; oy++) {
      for (let ox = 0; ox < binned; ox++) {
        const corner = source + oy * bin * rowStride + ox * bin * bands;
        for (let b = 0; b < bands; b++) {
          let sum = 0;
          for (let dy = 0; dy < bin; dy++) {
            const row = corner + dy * rowStride + b;
            for (let dx = 0; dx < bin; dx++) sum += table[half[row + dx * bands]];
          }
          out[t++] = sum * weight;
        }
      }
    }
  }
}

/** The layout PCA reads: square image inputs (size × size × bands) or spectrum inputs (size × bands). */
export interface VectorGeometry {
  size: number;
  bands: number;
  bin: number;
  /** Spectrum inputs: rows of [length, channels], of which PCA reads channel 0 (the flux). */
  spectrum?: boolean;
}

/** Length of one PCA vector of this layout. */
export function vectorLength(geometry: VectorGeometry): number {
  const { size, bands, bin } = geometry;
  return geometry.spectrum ? Math.floor(size / bin) : pixelVectorLength(size, bands, bin);
}

/** PCA vectors of `count` stored inputs of either layout, written row after row to `out` from row `outRow`. */
export function vectorsFromHalf(
  half: Uint16Array,
  count: number,
  geometry: VectorGeometry,
  out: Float32Array,
  outRow = 0,
): void {
  const { size, bands, bin } = geometry;
  if (!geometry.spectrum) return pixelVectorsFromHalf(half, count, size, bands, bin, out, outRow);
  const table = valueOfHalf();
  const binned = Math.floor(size / bin);
  const weight = 1 / bin;
  for (let i = 0; i < count; i++) {
    const source = i * size * bands;
    let t = (outRow + i) * binned;
    for (let o = 0; o < binned; o++) {
      let sum = 0;
      for (let d = 0; d < bin; d++) sum += table[half[source + (o * bin + d) * bands]];
      out[t++] = sum * weight;
    }
  }
}
