// What reading one source file yields for the store: one item per object it holds
// (a cutout file holds one; multi-extension FITS and HDF5 collections hold many). The reader
// decides the item's modality and which model-input store its input belongs in.
import type { MetadataValue } from '../workspace/repositories/metadata-repo.js';
import type { Modality } from '../workspace/repositories/objects-repo.js';
import type { InputLayout } from './model-input-store.js';

export interface IngestedItem {
  /** Position of the item in its file (HDF5 row, HDU number when each HDU is an object); 0 for single-object files. */
  itemIndex: number;
  modality: Modality;
  hdu: number | null;
  /** Name suggested by the file itself (e.g. an OBJECT card); the file stem is used when absent. */
  nameHint: string | null;
  ra: number | null;
  dec: number | null;
  /** Image: pixels across. Spectrum: pixels in the file's own grid. */
  width: number;
  /** Image: pixels down. Spectrum: 1. */
  height: number;
  /** Image: bands. Spectrum: 1 (one flux array). */
  bands: number;
  /**
   * Image: [size, size, bands] (see model-input.ts). Spectrum: [grid length, 2] (see spectrum-model-input.ts). Float32,
   * normalised.
   */
  modelInput: Float32Array | null;
  /**
   * The row file under inputs/ that modelInput goes to, and its row shape. Both are null for a spectrum outside every
   * model grid: it is an object to view and label, with no model input to embed or rank.
   */
  inputLayout: InputLayout | null;
  /**
   * Values the file itself states about the object (a spectrum's z and class), stored as object metadata; empty for
   * images.
   */
  metadata: MetadataValue[];
  /** Encoded WebP thumbnail. */
  thumbnail: Buffer;
  /** What the reader accepted generously in this item's file (sloppy FITS cards); recorded per file by ingest. */
  warnings?: string[];
}

export interface ReadOptions {
  inputSize: number;
  crop: number;
  /** Largest image (width × height × bands) that will be decoded; bigger files are refused before decoding. */
  maxPixels: number;
  /** FITS: the image HDU to read, by number (0 = primary) or EXTNAME. Default: the first HDU holding an image. */
  hdu?: number | string;
  /** FITS: every image HDU becomes its own object (itemIndex = HDU number). Default false: one object a file. */
  eachImageHdu?: boolean;
  /** HDF5: pixel bytes read at once, and so the objects ingest commits at once (default 16 MB). */
  sliceBytes?: number;
  /** HDF5: only rows [start, end) (a plan splits one large collection between shards). */
  rows?: [number, number];
}

/** Part of a many-object file's objects, with how far through the file it reaches. */
export interface ItemChunk {
  items: IngestedItem[];
  /** Objects of the file read so far, this chunk's included, and in the whole file. */
  read: number;
  total: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { inputSize: 64, crop: 1, maxPixels: 1 << 27 };

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}
