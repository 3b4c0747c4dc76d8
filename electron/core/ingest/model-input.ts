// Turns any decoded image into the fixed-size model input every embedding reads:
// centre crop, area-average resize to size×size, then per band asinh((x − median)/σ)
// with σ from the MAD, so faint structure and bright cores share one dynamic range.
// NaNs are averaged around and what remains becomes 0 (the sky level after normalising).
import type { DecodedImage } from './decoded-image.js';
import { bandPlane } from './decoded-image.js';
import { medianAndSigma } from './robust-stats.js';

export interface ModelInputOptions {
  /** Output width and height in pixels. Default 64. */
  size: number;
  /** Fraction of the shorter side kept by the centre crop, 0 < crop ≤ 1. Default 1 (largest centred square). */
  crop: number;
}

export const DEFAULT_MODEL_INPUT: ModelInputOptions = { size: 64, crop: 1 };

export interface CropBox {
  left: number;
  top: number;
  side: number;
}

export function centreCropBox(width: number, height: number, crop: number): CropBox {
  if (!(crop > 0 && crop <= 1)) throw new Error(`crop must be in (0, 1], got ${crop}`);
  const side = Math.max(1, Math.round(Math.min(width, height) * crop));
  return { left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2), side };
}

/**
 * Area-average resample of a square region of one band to size×size. Each output pixel
 * averages the finite input pixels it covers (fractional overlap weighted), which is
 * exact for downsampling and degrades to nearest-area for upsampling.
 */
export function resampleSquare(
  plane: Float32Array,
  width: number,
  box: CropBox,
  size: number,
  out: Float32Array,
  outOffset = 0,
  outStride = 1,
): void {
  const scale = box.side / size;
  if (Number.isInteger(scale)) return resampleByBlocks(plane, width, box, size, scale, out, outOffset, outStride);
  for (let oy = 0; oy < size; oy++) {
    const y0 = box.top + oy * scale;
    const y1 = y0 + scale;
    for (let ox = 0; ox < size; ox++) {
      const x0 = box.left + ox * scale;
      const x1 = x0 + scale;
      let sum = 0;
      let weight = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        if (wy <= 0) continue;
        const row = y * width;
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          const v = plane[row + x];
          if (wx > 0 && Number.isFinite(v)) {
            sum += v * wx * wy;
            weight += wx * wy;
          }
        }
      }
      out[outOffset + (oy * size + ox) * outStride] = weight > 0 ? sum / weight : NaN;
    }
  }
}

/** The common case of a whole shrink factor (including 1): plain block means, no fractional overlaps. */
function resampleByBlocks(
  plane: Float32Array,
  width: number,
  box: CropBox,
  size: number,
  factor: number,
  out: Float32Array,
  outOffset: number,
  outStride: number,
): void {
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let sum = 0;
      let count = 0;
      for (let y = box.top + oy * factor, yEnd = y + factor; y < yEnd; y++) {
        for (let i = y * width + box.left + ox * factor, iEnd = i + factor; i < iEnd; i++) {
          const v = plane[i];
          if (v === v && v !== Infinity && v !== -Infinity) {
            sum += v;
            count++;
          }
        }
      }
      out[outOffset + (oy * size + ox) * outStride] = count > 0 ? sum / count : NaN;
    }
  }
}

/** asinh through log and sqrt, which V8 runs several times faster than Math.asinh. */
export function fastAsinh(x: number): number {
  const a = Math.abs(x);
  const r = Math.log(a + Math.sqrt(a * a + 1));
  return x < 0 ? -r : r;
}

/** Per-band robust asinh normalisation in place over an interleaved HWC array. */
export function normaliseInterleaved(values: Float32Array, bands: number): void {
  const pixels = values.length / bands;
  const plane = new Float32Array(pixels);
  for (let b = 0; b < bands; b++) {
    for (let i = 0; i < pixels; i++) plane[i] = values[i * bands + b];
    const { median, sigma } = medianAndSigma(plane);
    for (let i = 0; i < pixels; i++) {
      const v = plane[i];
      values[i * bands + b] = Number.isFinite(v) ? fastAsinh((v - median) / sigma) : 0;
    }
  }
}

/** The model input of an image: Float32Array [size, size, bands] (HWC, as tfjs expects). */
export function modelInputFromImage(
  image: DecodedImage,
  options: ModelInputOptions = DEFAULT_MODEL_INPUT,
): Float32Array {
  const { size } = options;
  const box = centreCropBox(image.width, image.height, options.crop);
  const out = new Float32Array(size * size * image.bands);
  for (let b = 0; b < image.bands; b++)
    resampleSquare(bandPlane(image, b), image.width, box, size, out, b, image.bands);
  normaliseInterleaved(out, image.bands);
  return out;
}

/** The model input from already cropped and resized 8-bit interleaved pixels (the sharp path). */
export function modelInputFromInterleaved8(pixels: Uint8Array, bands: number): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i];
  normaliseInterleaved(out, bands);
  return out;
}
