// Which files ingest reads, by extension (case-insensitive).
import { basename } from 'node:path';

/**
 * 'hdf5': a cutout collection (see read-hdf5.ts); 'text-spectrum': a spectrum table, sniffed before reading (see
 * read-text-spectrum.ts).
 */
export type SourceFormat = 'fits' | 'png' | 'jpeg' | 'hdf5' | 'text-spectrum';

// Longer suffixes first, so 'a.fits.gz' has the stem 'a'. '.fz' is fpack's tile-compressed FITS;
// '.gz' is whole-file gzip, inflated (bounded) by the FITS reader.
const EXTENSIONS: [suffix: string, format: SourceFormat][] = [
  ['.fits.gz', 'fits'],
  ['.fit.gz', 'fits'],
  ['.fts.gz', 'fits'],
  ['.fits.fz', 'fits'],
  ['.fz', 'fits'],
  ['.fits', 'fits'],
  ['.fit', 'fits'],
  ['.fts', 'fits'],
  ['.png', 'png'],
  ['.jpg', 'jpeg'],
  ['.jpeg', 'jpeg'],
  ['.h5', 'hdf5'],
  ['.hdf5', 'hdf5'],
  ['.txt', 'text-spectrum'],
  ['.dat', 'text-spectrum'],
  ['.tsv', 'text-spectrum'],
  ['.csv', 'text-spectrum'],
];

export function formatOf(path: string): SourceFormat | null {
  const name = basename(path).toLowerCase();
  for (const [suffix, format] of EXTENSIONS) if (name.endsWith(suffix)) return format;
  return null;
}

/** The file name without its format extension: the default object name. */
export function stemOf(path: string): string {
  const name = basename(path);
  const lower = name.toLowerCase();
  for (const [suffix] of EXTENSIONS) if (lower.endsWith(suffix)) return name.slice(0, name.length - suffix.length);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
