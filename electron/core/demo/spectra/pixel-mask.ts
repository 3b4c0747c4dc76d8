// SDSS's per-pixel mask bits (SPPIXMASK), the few the demo spectra set. and_mask holds bits
// set in every exposure, or_mask bits set in any; in the demo a pixel with any and_mask bit
// has inverse variance 0, as SDSS gives pixels that no exposure could use.
export const PIXEL_MASK = {
  NEARBADPIXEL: 1 << 16,
  FULLREJECT: 1 << 18,
  PARTIALREJECT: 1 << 19,
  BRIGHTSKY: 1 << 23,
  NODATA: 1 << 24,
  COMBINEREJ: 1 << 25,
} as const;
