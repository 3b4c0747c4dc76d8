// A FITS file that no reader takes is refused with what it holds: a file of tables only (a
// catalog, or a spectrum table whose columns are not named as flux and wavelength) names each
// table's rows and columns, so the user sees why it was not read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS } from '../../../electron/core/ingest/ingested-item.js';
import { readFits } from '../../../electron/core/ingest/read-fits.js';
import { encodeBinTable } from '../../fixtures/spectra/sdss-spec-fixture.js';
import { encodeEmptyPrimary } from '../../helpers/fits-fixtures.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';

describe('FITS files no reader takes', () => {
  const dir = useSharedTempDir('serendip-fits-refusals-')();

  it('name what their tables hold', async () => {
    const path = join(dir, 'catalog.fits');
    const table = encodeBinTable('OBJECTS', 3, [
      { name: 'RA', format: 'D', values: [1, 2, 3] },
      { name: 'DEC', format: 'D', values: [4, 5, 6] },
      { name: 'MAG_R', format: 'E', values: [20, 21, 22] },
    ]);
    writeFileSync(path, Buffer.concat([encodeEmptyPrimary(), table]));
    await expect(readFits(path, DEFAULT_READ_OPTIONS)).rejects.toThrow(
      "no image or spectrum in the file: HDU 1 'OBJECTS' is a table of 3 rows, columns RA, DEC, MAG_R. " +
        'A spectrum table needs flux and wavelength columns',
    );
  });
});
