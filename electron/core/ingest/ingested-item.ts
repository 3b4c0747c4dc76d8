// What reading one source file yields for the store: one item per object it holds
// (a cutout file holds one; multi-extension FITS and HDF5 collections hold many).

export interface IngestedItem {
  /** Position of the item in its file (HDF5 row, HDU number when each HDU is an object); 0 for single-object files. */
  itemIndex: number;
  hdu: number | null;
  /** Name suggested by the file itself (e.g. an OBJECT card); the file stem is used when absent. */
  nameHint: string | null;
  ra: number | null;
  dec: number | null;
  width: number;
  height: number;
  bands: number;
  /** [size, size, bands] float32, normalised (see model-input.ts). */
  modelInput: Float32Array;
  /** Encoded WebP thumbnail. */
  thumbnail: Buffer;
}

export interface ReadOptions {
  inputSize: number;
  crop: number;
  /** Largest image (width × height × bands) that will be decoded; bigger files are refused before decoding. */
  maxPixels: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { inputSize: 64, crop: 1, maxPixels: 1 << 27 };

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}
