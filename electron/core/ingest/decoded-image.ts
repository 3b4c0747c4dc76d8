// The one in-memory shape every image reader hands to ingest: planar bands, rows top-down.

export interface DecodedImage {
  width: number;
  height: number;
  bands: number;
  /** bands × height × width, band-major, row 0 at the top (north up for FITS). NaN = no data. */
  data: Float32Array;
}

export function bandPlane(image: DecodedImage, band: number): Float32Array {
  const size = image.width * image.height;
  return image.data.subarray(band * size, (band + 1) * size);
}
