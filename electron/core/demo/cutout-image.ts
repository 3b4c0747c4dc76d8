// The pixel container every demo stage paints into: three square float32 planes (g, r, z)
// in nanomaggies, stored in FITS order (x fastest, row 0 at the bottom, y upward), plus the
// survey constants and the magnitude/colour arithmetic that turn colours into band fluxes.

export const BANDS = ['g', 'r', 'z'] as const;
export type Band = (typeof BANDS)[number];

/** DECaLS/Legacy Survey pixel scale. */
export const PIXEL_SCALE_ARCSEC = 0.262;

/** Magnitude of a 1-nanomaggy source (AB). */
export const NANOMAGGY_ZERO_POINT = 22.5;

/** One value per band, in BANDS order. */
export type BandTriple = [g: number, r: number, z: number];

export interface CutoutImage {
  /** Width and height in pixels. */
  size: number;
  bands: [g: Float32Array, r: Float32Array, z: Float32Array];
}

export function createCutoutImage(size: number): CutoutImage {
  const n = size * size;
  return { size, bands: [new Float32Array(n), new Float32Array(n), new Float32Array(n)] };
}

export function arcsecToPixels(arcsec: number): number {
  return arcsec / PIXEL_SCALE_ARCSEC;
}

export function magnitudeToNanomaggies(magnitude: number): number {
  return 10 ** ((NANOMAGGY_ZERO_POINT - magnitude) / 2.5);
}

/** A colour as astronomers quote it: g−r and r−z in magnitudes (bigger is redder). */
export interface Colour {
  gr: number;
  rz: number;
}

/** Band fluxes of a source with r-band flux `rFlux` and the given colour. */
export function colourToFluxes(rFlux: number, colour: Colour): BandTriple {
  return [rFlux * 10 ** (-0.4 * colour.gr), rFlux, rFlux * 10 ** (0.4 * colour.rz)];
}

/** g−r in magnitudes from two fluxes; the inverse of colourToFluxes for the g and r bands. */
export function fluxesToGMinusR(gFlux: number, rFlux: number): number {
  return -2.5 * Math.log10(gFlux / rFlux);
}
