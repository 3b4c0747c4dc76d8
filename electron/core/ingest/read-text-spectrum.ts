// Text-table spectra (see formats/spectra/text-spectrum.ts) through the same spectrum path as FITS:
// resampled onto the model grid, plotted for the thumbnail, z and class as metadata. The
// extensions they share with notes and catalogs (.txt, .dat, .tsv, .csv) are sniffed first
// when met while walking a folder, so only files that read as spectra become objects.
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { toVacuum } from '../formats/spectra/air-vacuum.js';
import { decodeTextTable, parseTextSpectrum, whyNotTextSpectrum } from '../formats/spectra/text-spectrum.js';
import type { Spectrum1D } from '../formats/spectra/spectrum.js';
import { type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import { ingestedSpectrum } from './spectrum-item.js';
import { unreadableFile } from './walk-files.js';

/** Text spectra above this size are refused before reading (a 10^6-pixel table is ~40 MB). */
export const MAX_TEXT_SPECTRUM_BYTES = 256 * 1024 * 1024;
/** How much of a file the sniff reads. */
const SNIFF_BYTES = 64 * 1024;

/** A .csv must name its columns: unnamed numeric CSVs are more often catalogs than spectra. */
function requiresHeader(path: string): boolean {
  return basename(path).toLowerCase().endsWith('.csv');
}

/** The spectrum in a text table; errors become per-file ingest errors. */
export async function readTextSpectrumFile(path: string): Promise<Spectrum1D> {
  const { size } = await stat(path).catch(unreadableFile);
  if (size > MAX_TEXT_SPECTRUM_BYTES) throw new UnreadableFileError(`text spectrum too large (${size} bytes)`);
  const bytes = await readFile(path).catch(unreadableFile);
  try {
    // Air wavelengths leave here in vacuum, as FITS spectra do (fits-spectrum.ts).
    return toVacuum(parseTextSpectrum(decodeTextTable(bytes), { requireHeader: requiresHeader(path) }));
  } catch (err) {
    throw new UnreadableFileError(`not a spectrum table: ${(err as Error).message}`);
  }
}

export async function readTextSpectrum(path: string, _options: ReadOptions): Promise<IngestedItem[]> {
  const spectrum = await readTextSpectrumFile(path);
  // A text table has no HDU; the object records none.
  return [{ ...(await ingestedSpectrum(spectrum)), hdu: null }];
}

/** Why the head of the file does not read as a spectrum table, or null when it does (see whyNotTextSpectrum). */
export async function sniffTextSpectrum(path: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    // Unopenable (permission denied, gone): not a reason to pass it over as a note. The read
    // then fails the same way and records the plain reason as the file's error.
    return null;
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    let head: string;
    try {
      head = decodeTextTable(buffer.subarray(0, bytesRead));
    } catch (err) {
      return (err as Error).message;
    }
    // A file read whole is not partial: its last line counts even without a newline.
    return whyNotTextSpectrum(bytesRead < SNIFF_BYTES ? head + '\n' : head, requiresHeader(path));
  } finally {
    await handle.close();
  }
}
