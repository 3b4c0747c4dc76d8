// The one shape every FITS spectrum layout is read through. A file holds one spectrum or
// many (fibres, apertures, table rows); ingest asks each layout, from headers alone, whether
// the file is its kind, opens it (checking every size against the file before anything is
// allocated), and reads item by item, so a file of 800 fibres is never decoded whole. The
// inspector reads one item back the same way, by the item index ingest recorded.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import type { Spectrum1D, SpectrumLayout } from './spectrum.js';

export interface SpectrumFile {
  /** Spectra the file holds: items 0 … count − 1 (fibres, apertures, rows; 1 for a file of one spectrum). */
  count: number;
  /** False for an item that holds no object (a sky or unused fibre): it is not ingested. */
  isObject(item: number): boolean;
  /** The item's name as the file gives it (TARGETID, fibre NAME, aperture title), or null. */
  nameHint(item: number): string | null;
  /** The item's spectrum, in wavelength order (inWavelengthOrder); FitsFormatError when it cannot be read. */
  spectrum(item: number): Spectrum1D;
}

export interface SpectrumFormat {
  layout: SpectrumLayout;
  /** The HDU that marks a file as this layout (what objects.hdu records), from headers alone; null if it is not. */
  detect(hdus: FitsHduInfo[]): FitsHduInfo | null;
  /** Checks the layout's sizes against the file and prepares reading its items; FitsFormatError when it is broken. */
  open(buffer: Uint8Array, hdus: FitsHduInfo[]): SpectrumFile;
}

/** Checks that `item` is one of `count`, naming the layout in the error. */
export function checkItem(item: number, count: number, what: string): void {
  if (!Number.isInteger(item) || item < 0 || item >= count)
    throw new FitsFormatError(`the file holds ${count === 1 ? 'one' : count} ${what}, not item ${item}`);
}

/** A file of one spectrum, read when asked for. */
export function singleSpectrumFile(read: () => Spectrum1D): SpectrumFile {
  return {
    count: 1,
    isObject: () => true,
    nameHint: () => null,
    spectrum(item) {
      checkItem(item, 1, 'spectrum');
      return read();
    },
  };
}
