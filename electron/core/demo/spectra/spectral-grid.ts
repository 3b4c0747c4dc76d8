// The wavelength grid of the demo spectra: SDSS's log-linear sampling, 10^-4 in log10 λ
// (69 km/s a pixel), vacuum wavelengths. Every spectrum is a run of pixels on one master
// grid from log10 λ = 3.5800 (3802 Å) to 3.9640 (9204 Å), starting and ending a few pixels
// apart from object to object as SDSS coadds do, so readers must go by loglam, not index.

/** Speed of light, km/s. */
export const C_KMS = 299_792.458;
/** Step in log10(λ / Å) between pixels. */
export const LOGLAM_STEP = 1e-4;
/** log10 λ of the master grid's first pixel. */
export const LOGLAM_START = 3.58;
/** Pixels on the master grid: 3.5800 to 3.9640 inclusive. */
export const MASTER_PIXELS = 3841;
/** Velocity width of one pixel, km/s. */
export const PIXEL_KMS = C_KMS * Math.LN10 * LOGLAM_STEP;

/** A spectrum's pixels: a run [first, first + length) of the master grid. */
export interface SpectralGrid {
  /** Index of the first pixel on the master grid. */
  first: number;
  length: number;
  /** log10(λ / Å) at pixel centres. */
  loglam: Float64Array;
  /** λ in Å at pixel centres (vacuum). */
  lambda: Float64Array;
}

export function masterLoglam(index: number): number {
  // Rounded to the step's decimals so 3.5800 + k·1e-4 is exact to double precision.
  return Math.round((LOGLAM_START + index * LOGLAM_STEP) * 1e4) / 1e4;
}

let master: { loglam: Float64Array; lambda: Float64Array } | null = null;

/** A run of the master grid. Its arrays are views of one shared table: read them, never write. */
export function makeGrid(first: number, length: number): SpectralGrid {
  if (first < 0 || length < 1 || first + length > MASTER_PIXELS)
    throw new Error(`grid run ${first}+${length} is off the master grid`);
  if (!master) {
    const loglam = new Float64Array(MASTER_PIXELS);
    const lambda = new Float64Array(MASTER_PIXELS);
    for (let k = 0; k < MASTER_PIXELS; k++) {
      loglam[k] = masterLoglam(k);
      lambda[k] = 10 ** loglam[k];
    }
    master = { loglam, lambda };
  }
  return {
    first,
    length,
    loglam: master.loglam.subarray(first, first + length),
    lambda: master.lambda.subarray(first, first + length),
  };
}

/** Fractional pixel index on `grid` of wavelength `lambda` (Å). */
export function pixelOf(grid: SpectralGrid, lambda: number): number {
  return (Math.log10(lambda) - grid.loglam[0]) / LOGLAM_STEP;
}
