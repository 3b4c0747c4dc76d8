// A FITS file of spectra becomes one spectrum object per item that holds an object (a DESI
// coadd's target fibres, a multispec file's apertures, a fibre array's program fibres), its
// item index recorded so the inspector reads the same item back (read-spectrum.ts) and
// re-ingest finds the same objects. Sky and unused fibres are not objects: they hold no
// galaxy and would only crowd the anomaly ranking. In a file of many, an item that cannot be
// read (a broken fibre) is left out rather than failing the whole file; only a file with no
// usable item is an ingest error (the file's warnings say which were left out and why), and a
// file of one spectrum fails with that spectrum's reason.
// Items of a file of many are named as the file names them (TARGETID, fibre or aperture name).
import { FitsFormatError } from '../formats/fits/header.js';
import type { FitsHduInfo } from '../formats/fits/hdu-list.js';
import { openFitsSpectra } from '../formats/spectra/fits-spectrum.js';
import { type IngestedItem, UnreadableFileError } from './ingested-item.js';
import { ingestedSpectrum } from './spectrum-item.js';

function formatStep<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof FitsFormatError) throw new UnreadableFileError(err.message);
    throw err;
  }
}

export async function readSpectrumItems(buffer: Uint8Array, hdus: FitsHduInfo[]): Promise<IngestedItem[]> {
  const file = formatStep(() => openFitsSpectra(buffer, hdus));
  if (file.count === 1) {
    // Named after the file, as every one-object file is; a name the header gives is kept as metadata.
    return [await ingestedSpectrum(formatStep(() => file.spectrum(0)))];
  }
  const items: IngestedItem[] = [];
  const leftOut: string[] = [];
  for (let item = 0; item < file.count; item++) {
    if (!file.isObject(item)) continue;
    try {
      const spectrum = formatStep(() => file.spectrum(item));
      const nameHint = file.nameHint(item) ?? spectrum.objectName ?? null;
      const read = await ingestedSpectrum(spectrum);
      const warnings = read.warnings?.map((w) => `${nameHint ?? `item ${item}`}: ${w}`);
      items.push({ ...read, itemIndex: item, nameHint, ...(warnings ? { warnings } : {}) });
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      leftOut.push(`${file.nameHint(item) ?? `item ${item}`}: ${err.message}`);
    }
  }
  if (items.length === 0) {
    throw new UnreadableFileError(
      `no usable spectrum among the file's ${file.count} (${leftOut[0] ?? 'none holds an object'})`,
    );
  }
  // Said on the file, so a user sees which spectra of it are missing and why.
  const note = leftOut.map((reason) => `left out ${reason}`);
  if (note.length > 0) items[0].warnings = [...note, ...(items[0].warnings ?? [])];
  return items;
}
