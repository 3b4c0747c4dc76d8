// Ingest of the table spectra fixtures (test/fixtures/archive-spectra/table-*.fits): a spectrum
// object per spectrum (the three rows of table-multi-row.fits as three objects named by their
// NAME cells, each read back by its item index), and the table without wavelengths recorded as
// an ingest error that says what the table holds.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { TABLE_FIXTURES, expectedTables } from '../fixtures/archive-spectra/table-expected.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('ingest of table spectra', () => {
  it('makes one spectrum object per spectrum and refuses the table without wavelengths', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    const files = readdirSync(TABLE_FIXTURES).filter((f) => f.startsWith('table-') && f.endsWith('.fits'));
    for (const file of files) copyFileSync(join(TABLE_FIXTURES, file), join(data, file));
    const spectra = files.reduce((n, f) => n + (expectedTables[f].items?.length ?? 0), 0);
    expect(spectra).toBe(8);

    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: files.length - 1, failed: 1 });
    expect(countObjects(ws.db)).toEqual({ objects: spectra, images: 0, spectra });
    const errors = listIngestErrors(ws.db);
    expect(errors.map((e) => e.path.split('/').pop())).toEqual(['table-no-wavelength.fits']);
    expect(errors[0].reason).toContain(expectedTables['table-no-wavelength.fits'].refusal!);

    const multi = expectedTables['table-multi-row.fits'];
    for (const [row, truth] of multi.items.entries()) {
      const object = findObjectByName(ws.db, truth.objectName);
      expect(object).toMatchObject({ modality: 'spectrum', item_index: row, hdu: 1, ra: truth.ra, dec: truth.dec });
      const spectrum = await readObjectSpectrum(ws, object!.id);
      expect(spectrum.layout).toBe('table');
      expect(Array.from(spectrum.flux)).toEqual(truth.flux);
    }
    ws.close();
  });
});
