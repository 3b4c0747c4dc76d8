// The colour stretch of the Legacy Survey sky viewer (legacypipe's sdss_rgb with the DECaLS
// scales): z → red, r → green, g → blue, each band scaled and offset, then all three share
// one asinh stretch of their mean intensity so colours survive in bright cores. PNG demo
// cutouts use it so they look like the JPEGs astronomers download from the viewer.
import type { CutoutImage } from './cutout-image.js';

/** Output plane (0 red, 1 green, 2 blue) and multiplier for the g, r, z bands. */
const BAND_TO_PLANE: [plane: number, scale: number][] = [
  [2, 6.0],
  [1, 3.4],
  [0, 2.2],
];
const OFFSET = 0.03;
const SOFTENING_Q = 20;

/**
 * 8-bit interleaved RGB, rows top to bottom as image files store them (the cutout's row 0 is
 * at the bottom). NaN pixels, where a band has no data, come out black.
 */
export function legacySurveyRgb(image: CutoutImage): Uint8Array {
  const { size } = image;
  const rgb = new Uint8Array(size * size * 3);
  const scaled = [0, 0, 0];
  const sqrtQ = Math.sqrt(SOFTENING_Q);
  for (let y = 0; y < size; y++) {
    const outRow = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      let mean = 0;
      let missing = false;
      for (let band = 0; band < 3; band++) {
        const value = image.bands[band][i];
        if (Number.isNaN(value)) missing = true;
        scaled[band] = Math.max(0, value * BAND_TO_PLANE[band][1] + OFFSET);
        mean += scaled[band];
      }
      const o = (outRow * size + x) * 3;
      if (missing) continue; // stays black
      mean /= 3;
      const stretch = mean > 0 ? Math.asinh(SOFTENING_Q * mean) / sqrtQ / mean : 0;
      for (let band = 0; band < 3; band++) {
        const v = scaled[band] * stretch;
        rgb[o + BAND_TO_PLANE[band][0]] = v >= 1 ? 255 : Math.round(v * 255);
      }
    }
  }
  return rgb;
}
