// DESI per-exposure spectra files (spectra-*.fits) and coadds with tile-compressed masks,
// against astropy-written fixtures (test/fixtures/archive-spectra/make_desi_lamost.py): 5
// fibres × 2 exposures, B/R/Z arms of 40 pixels, masks compressed with GZIP_1 and RICE_1 one
// tile a row (uint32 with BZERO = 2^31), a sky fibre and a fibre with FIBERSTATUS set.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import {
  desiExposureFormat,
  desiLayoutOf,
  openDesiSpectra,
} from '../../../../electron/core/formats/spectra/desi-spectrum.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const DIR = join(FIXTURES, 'archive-spectra');
const exposureFile = readFileSync(join(DIR, 'desi-exposure-spectra.fits'));
const coaddFile = readFileSync(join(DIR, 'desi-coadd-compressed.fits'));

interface JoinedRow {
  targetid: string;
  wavelength: number[];
  flux: number[];
  ivar: number[];
  mask: number[];
}
interface ExposureRow extends JoinedRow {
  expid: number;
  objtype: string;
  fiberstatus: number;
  ra: number;
  dec: number;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected-desi-lamost.json'), 'utf8')) as {
  desiExposure: { fluxHdu: number; fluxUnit: string; rows: ExposureRow[] };
  desiCoaddCompressed: { rows: JoinedRow[] };
};

function expectJoined(actual: ReturnType<typeof readFitsSpectrum>, truth: JoinedRow): void {
  expect(Array.from(actual.wavelength)).toEqual(truth.wavelength);
  expect(Array.from(actual.flux)).toEqual(truth.flux);
  expect(Array.from(actual.ivar!)).toEqual(truth.ivar);
  expect(Array.from(actual.mask)).toEqual(truth.mask);
}

/** The file with `card` (a whole 80-character card's start) in the header of HDU `extname` rewritten. */
function withCard(buffer: Buffer, extname: string, key: string, value: string): Buffer {
  const hdu = listFitsHdus(buffer).find((h) => h.extname === extname)!;
  const copy = Buffer.from(buffer);
  const header = copy.subarray(0, hdu.dataOffset).toString('latin1');
  const at = header.lastIndexOf(`${key.padEnd(8)}= `, hdu.dataOffset);
  copy.write(`${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80), at, 'latin1');
  return copy;
}

describe('DESI per-exposure spectra files', () => {
  it('are recognised as desi-exposure by the EXPID in their FIBERMAP; coadds are not', () => {
    expect(findFitsSpectrum(listFitsHdus(exposureFile))).toMatchObject({
      layout: 'desi-exposure',
      hdu: { index: expected.desiExposure.fluxHdu, extname: 'B_FLUX' },
    });
    // A coadd's EXP_FIBERMAP has EXPID too: still a coadd.
    expect(desiLayoutOf(listFitsHdus(coaddFile))).toBe('desi-coadd');
    expect(findFitsSpectrum(listFitsHdus(coaddFile))?.layout).toBe('desi-coadd');
    const others = ['desi/coadd-fixture.fits', 'fits-tables/spec-0266-51602-0001.fits'];
    for (const other of [coaddFile, ...others.map((p) => readFileSync(join(FIXTURES, p)))])
      expect(desiExposureFormat.detect(listFitsHdus(other))).toBeNull();
  });

  it('reads every fibre of every exposure as astropy and numpy say, compressed masks included', () => {
    const file = openDesiSpectra(exposureFile, listFitsHdus(exposureFile));
    expect(file.count).toBe(10);
    expected.desiExposure.rows.forEach((truth, row) => {
      const s = file.spectrum(row);
      expect(s).toMatchObject({
        ra: truth.ra,
        dec: truth.dec,
        layout: 'desi-exposure',
        hdu: expected.desiExposure.fluxHdu,
        fluxUnit: expected.desiExposure.fluxUnit,
        medium: 'vacuum',
      });
      expectJoined(s, truth);
    });
    // The top mask bit (stored as -2^31 + BZERO 2^31) survives as an unsigned word.
    expect(file.spectrum(1).mask).toContain(2 ** 31);
  });

  it('names each row TARGETID-EXPID, and ingests neither sky fibres nor fibres with FIBERSTATUS set', () => {
    const file = openDesiSpectra(exposureFile, listFitsHdus(exposureFile));
    const rows = expected.desiExposure.rows;
    const names = rows.map((_, row) => file.nameHint(row));
    expect(names).toEqual(rows.map((r) => `${r.targetid}-${r.expid}`));
    expect(new Set(names).size).toBe(rows.length);
    expect(rows.map((_, row) => file.isObject(row))).toEqual(
      rows.map((r) => r.objtype === 'TGT' && r.fiberstatus === 0),
    );
    expect(rows.filter((_, row) => !file.isObject(row)).map((r) => [r.objtype, r.fiberstatus])).toEqual([
      ['SKY', 0],
      ['SKY', 0],
      ['TGT', 2],
    ]);
  });

  it('decodes only the mask tiles of the fibre asked for', () => {
    const hdus = listFitsHdus(exposureFile);
    const bMask = hdus.find((h) => h.extname === 'B_MASK')!;
    const damaged = Buffer.from(exposureFile);
    // Row 0's heap descriptor points at the first tile's bytes, at the start of the heap: spoil them.
    const heap = bMask.dataOffset + bMask.shape[0] * bMask.shape[1];
    damaged.fill(0xff, heap, heap + 20);
    const file = openDesiSpectra(damaged, listFitsHdus(damaged));
    expectJoined(file.spectrum(5), expected.desiExposure.rows[5]);
    expect(() => file.spectrum(0)).toThrow(/HDU 6 'B_MASK': tile 1 does not inflate/);
  });

  it('reads a coadd with compressed masks through the same arms, named by TARGETID', () => {
    const file = openDesiSpectra(coaddFile, listFitsHdus(coaddFile));
    expect(file.count).toBe(2);
    expected.desiCoaddCompressed.rows.forEach((truth, row) => {
      expect(file.nameHint(row)).toBe(truth.targetid);
      const s = readFitsSpectrum(coaddFile, { item: row });
      expect(s.layout).toBe('desi-coadd');
      expectJoined(s, truth);
    });
  });

  it('refuses truncated masks, shapes that disagree and a FIBERMAP of other rows, naming the HDU', () => {
    const hdus = listFitsHdus(exposureFile);
    const rMask = hdus.find((h) => h.extname === 'R_MASK')!;
    expect(() => readFitsSpectrum(exposureFile.subarray(0, rMask.dataOffset + 50))).toThrow(
      /truncated: HDU 11 'R_MASK' needs \d+ bytes, only 50 are present/,
    );
    expect(() => readFitsSpectrum(withCard(exposureFile, 'B_MASK', 'ZNAXIS2', '9'))).toThrow(
      /HDU 6 'B_MASK' has shape 40×9, HDU 4 'B_FLUX' 40×10/,
    );
    expect(() => readFitsSpectrum(withCard(exposureFile, 'FIBERMAP', 'NAXIS2', '9'))).toThrow(
      /the FIBERMAP has 9 rows, the flux images 10 fibres/,
    );
    expect(() => readFitsSpectrum(exposureFile, { item: 10 })).toThrow(/10 fibres, not a fibre 10/);
  });
});
