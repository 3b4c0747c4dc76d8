// Ingest of the multispec, fibre-array and 1-D image fixtures (test/fixtures/archive-spectra/,
// multispec-* and fibres-*): one spectrum object per aperture, per program fibre, per joined
// échelle and per 1-D image, no errors, none warned about as an échelle read as an image; an
// aperture and a fibre read back by item index for the inspector as ingest read them.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { listIngestWarnings } from '../../electron/core/workspace/repositories/ingest-warnings-repo.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { EXPECTED, FIXTURES } from '../unit/formats/spectra/multispec-expected.js';

const tempDir = useTempDir();
const MINE = readdirSync(FIXTURES).filter((n) => /^(multispec|fibres)-.*\.fits$/.test(n));

describe('ingest of multispec files and fibre arrays', () => {
  it('makes one spectrum object per aperture, program fibre, joined échelle and 1-D image', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    for (const name of MINE) copyFileSync(join(FIXTURES, name), join(data, name));
    const objects = MINE.map((n) => {
      const truth = EXPECTED[n];
      return truth.objects ? truth.objects.filter(Boolean).length : truth.count;
    }).reduce((a, b) => a + b, 0);
    expect(MINE.length).toBe(Object.keys(EXPECTED).length);
    expect(objects).toBe(33);

    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(listIngestErrors(ws.db)).toEqual([]);
    expect(summary).toMatchObject({ added: MINE.length, failed: 0 });
    expect(countObjects(ws.db)).toEqual({ objects, images: 0, spectra: objects });
    expect(listIngestWarnings(ws.db).filter((w) => w.message.includes('read as one'))).toEqual([]);

    const disc = findObjectByName(ws.db, 'NGC 1234 disc');
    expect(disc).toMatchObject({ modality: 'spectrum', item_index: 1, hdu: 0 });
    const spectrum = await readObjectSpectrum(ws, disc!.id);
    expect(spectrum).toMatchObject({ layout: 'iraf-multispec', medium: 'air', convertedToVacuum: true });
    expect(Array.from(spectrum.flux)).toEqual(EXPECTED['multispec-linear.fits'].items[1].flux);

    const quasar = findObjectByName(ws.db, 'QSO J1130');
    expect(quasar).toMatchObject({ item_index: 6 });
    expect(quasar!.ra).toBeCloseTo(174 + 6 / 9, 9);
    expect(findObjectByName(ws.db, 'SKY-01')).toBeUndefined();
    ws.close();
  });
});
