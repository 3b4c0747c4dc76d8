// A DESI coadd becomes one spectrum object per target fibre, its item index being the fibre's
// row, so the inspector can read the same fibre back (read-spectrum.ts) and re-ingest finds
// the same objects. Sky and unassigned fibres (OBJTYPE other than TGT) are not objects: they
// hold no galaxy and would only crowd the anomaly ranking. A fibre with no good pixels on the
// model grid (a broken fibre) is left out rather than failing the whole file; only a file
// with no usable fibre at all is an ingest error.
import { FitsFormatError } from '../formats/fits/header.js';
import type { FitsHduInfo } from '../formats/fits/hdu-list.js';
import { type DesiCoadd, openDesiCoadd } from '../formats/spectra/desi-spectrum.js';
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

export async function readDesiCoaddItems(buffer: Uint8Array, hdus: FitsHduInfo[]): Promise<IngestedItem[]> {
  const coadd: DesiCoadd = formatStep(() => openDesiCoadd(buffer, hdus));
  const items: IngestedItem[] = [];
  let firstProblem: string | null = null;
  for (let fibre = 0; fibre < coadd.fibres; fibre++) {
    if (!coadd.isTarget(fibre)) continue;
    const spectrum = formatStep(() => coadd.spectrum(fibre));
    try {
      items.push({ ...(await ingestedSpectrum(spectrum)), itemIndex: fibre, nameHint: coadd.targetId(fibre) });
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      firstProblem ??= `fibre ${fibre}: ${err.message}`;
    }
  }
  if (items.length === 0) {
    throw new UnreadableFileError(
      `no usable fibre in the DESI coadd of ${coadd.fibres} fibres (${firstProblem ?? 'none is a target'})`,
    );
  }
  return items;
}
