// Ingest of a DESI coadd (test/fixtures/desi/): one spectrum object per target fibre, named by
// TARGETID, read back fibre by fibre for the inspector; a truncated coadd is an ingest error.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { getMetadata } from '../../electron/core/workspace/repositories/metadata-repo.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const FIXTURES = join(import.meta.dirname, '../fixtures/desi');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  fibres: {
    targetid: string;
    ra: number;
    dec: number;
    objtype: string;
    z: number | null;
    class: string | null;
    flux: number[];
    mask: number[];
  }[];
  fluxHdu: number;
};

function desiFolder(): string {
  const data = join(tempDir(), 'data');
  mkdirSync(data);
  copyFileSync(join(FIXTURES, 'coadd-fixture.fits'), join(data, 'coadd-main-dark-10032.fits'));
  // Cut halfway: in the R arm, after R_FLUX (a cut inside an HDU's data: desi-spectrum.test.ts).
  const whole = readFileSync(join(FIXTURES, 'coadd-fixture.fits'));
  writeFileSync(join(data, 'coadd-truncated.fits'), whole.subarray(0, Math.floor(whole.length / 2)));
  return data;
}

describe('ingest of DESI coadds', () => {
  it('makes a spectrum object per target fibre (TARGETID, position, z); records the truncated file', async () => {
    const data = desiFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: 1, failed: 1 });
    expect(countObjects(ws.db)).toEqual({ objects: 3, images: 0, spectra: 3 });
    const errors = listIngestErrors(ws.db);
    expect(errors.map((e) => e.path.split('/').pop())).toEqual(['coadd-truncated.fits']);
    expect(errors[0].reason).toBe('DESI arm R has no R_IVAR HDU (the file may be truncated)');

    const targets = expected.fibres.filter((f) => f.objtype === 'TGT');
    expect(targets).toHaveLength(3);
    for (const [fibre, truth] of expected.fibres.entries()) {
      const object = findObjectByName(ws.db, truth.targetid);
      if (truth.objtype !== 'TGT') {
        expect(object).toBeUndefined();
        continue;
      }
      expect(object).toMatchObject({
        modality: 'spectrum',
        item_index: fibre,
        hdu: expected.fluxHdu,
        width: truth.flux.length,
        height: 1,
        ra: truth.ra,
        dec: truth.dec,
      });
      const metadata: Record<string, string> = {};
      if (truth.z !== null) metadata.z = String(truth.z);
      if (truth.class !== null) metadata.class = truth.class;
      metadata.model_grid = 'optical';
      expect(getMetadata(ws.db, object!.id)).toEqual(metadata);

      const spectrum = await readObjectSpectrum(ws, object!.id);
      expect(spectrum).toMatchObject({ layout: 'desi-coadd', ra: truth.ra, z: truth.z });
      expect(Array.from(spectrum.flux)).toEqual(truth.flux);
      expect(Array.from(spectrum.mask)).toEqual(truth.mask);
    }

    const again = await ingestPaths(ws, [data]);
    expect(again).toMatchObject({ added: 0, skipped: 1, failed: 1 });
    expect(countObjects(ws.db)).toEqual({ objects: 3, images: 0, spectra: 3 });
    ws.close();
  });
});
