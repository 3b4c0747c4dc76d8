// Reading an ingested spectrum back from its source file, at full resolution, for the
// inspector's plot: the workspace stores only the resampled model input, so the original
// wavelength, flux, ivar and mask come from the file, found the way ingest recorded it (the
// HDU that holds the flux, or the whole text table). The model grid's wavelengths are
// exported beside it, for plots of the model input or a reconstruction.
import type { Spectrum1D } from '../formats/spectra/spectrum.js';
import { readFitsSpectrum } from '../formats/spectra/fits-spectrum.js';
import { formatOf } from './file-types.js';
import { UnreadableFileError } from './ingested-item.js';
import { readFitsFile } from './read-fits.js';
import { readTextSpectrumFile } from './read-text-spectrum.js';
import type { Workspace } from '../workspace/workspace.js';
import { getObject } from '../workspace/repositories/objects-repo.js';

export { SPECTRUM_GRID, spectrumGridWavelengths, spectrumGridEdges } from './spectrum-grid.js';
export type { Spectrum1D } from '../formats/spectra/spectrum.js';

/** Where in its file an object's spectrum is: objects.hdu and objects.item_index. */
export interface SpectrumSourceRef {
  hdu: number | null;
  itemIndex: number;
}

/** The spectrum at `source` in the file at `path` (an absolute or working-directory path). */
export async function readSpectrumFile(
  path: string,
  source: SpectrumSourceRef = { hdu: null, itemIndex: 0 },
): Promise<Spectrum1D> {
  const format = formatOf(path);
  if (format !== 'fits' && format !== 'text-spectrum')
    throw new UnreadableFileError(
      `${path} is not a FITS file or text table, and Serendip reads spectra from those only`,
    );
  if (format === 'text-spectrum') {
    // A text table holds one spectrum, so item 0 is the only one.
    if (source.itemIndex !== 0)
      throw new UnreadableFileError(`${path} holds one spectrum, not item ${source.itemIndex}`);
    return readTextSpectrumFile(path);
  }
  const buffer = await readFitsFile(path);
  try {
    // Files of many spectra (fibres, apertures) record which as the item index; files of one hold item 0.
    return readFitsSpectrum(buffer, { item: source.itemIndex });
  } catch (err) {
    throw new UnreadableFileError((err as Error).message);
  }
}

/** The full-resolution spectrum of a spectrum object in `workspace`. */
export async function readObjectSpectrum(workspace: Workspace, objectId: number): Promise<Spectrum1D> {
  const object = getObject(workspace.db, objectId);
  if (!object) throw new Error(`no object with id ${objectId}`);
  if (object.modality !== 'spectrum') throw new Error(`object ${object.name} is an ${object.modality}, not a spectrum`);
  return readSpectrumFile(workspace.resolvePath(object.path), { hdu: object.hdu, itemIndex: object.item_index });
}
