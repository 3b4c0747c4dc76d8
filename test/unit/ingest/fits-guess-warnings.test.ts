// The guesses a FITS read warns about, on real FITS bytes from the project's writer: an IRAF
// multispec or échelle frame read as an image (recognised by CTYPE1, WAT0_001, APNUM or its
// shape and wavelength axis), a 1×1 image, a 1-D spectrum whose axis 1 never says wavelength,
// and a 1-D array with no wavelength axis at all (refused, saying what to add).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeFitsImage, type FitsImageToWrite } from '../../../electron/core/formats/fits/writer.js';
import { readFits } from '../../../electron/core/ingest/read-fits.js';
import { DEFAULT_READ_OPTIONS } from '../../../electron/core/ingest/ingested-item.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-guess-');

async function read(image: FitsImageToWrite) {
  const path = join(tempDir(), 'file.fits');
  writeFileSync(path, encodeFitsImage(image));
  return readFits(path, DEFAULT_READ_OPTIONS);
}

const frame = (width: number, rows: number, cards: FitsImageToWrite['cards'] = []): FitsImageToWrite => ({
  bitpix: -32,
  shape: [width, rows],
  data: Float32Array.from({ length: width * rows }, (_, i) => 1 + (i % 7)),
  cards,
});

describe('warnings for guesses a FITS read makes', () => {
  it('flags a multispec or échelle frame read as an image, however the header says so', async () => {
    const says = [
      [[['CTYPE1', 'MULTISPE']], "CTYPE1 = 'MULTISPE'"],
      [[['WAT0_001', 'system=multispec']], 'WAT0_001 system=multispec'],
      [[['APNUM1', '1 1 10.5 20.5']], 'APNUM keywords'],
      [
        [
          ['CTYPE1', 'WAVE'],
          ['CRVAL1', 4000],
          ['CDELT1', 1.5],
        ],
        '4 rows with a wavelength axis 1',
      ],
    ] as const;
    for (const [cards, evidence] of says) {
      const [item] = await read(
        frame(
          200,
          4,
          cards.map(([k, v]) => [k, v] as [string, string | number]),
        ),
      );
      expect(item.modality).toBe('image');
      expect(item.warnings).toEqual([
        `HDU 0: an échelle or multispec layout (${evidence}) read as one 200×4 image; split its apertures into 1-D ` +
          'spectra (IRAF scopy, or astropy) to ingest them as spectra',
      ]);
    }
  });

  it('leaves an ordinary image alone, even a wide one without a wavelength axis', async () => {
    expect((await read(frame(64, 64)))[0].warnings).toBeUndefined();
    expect((await read(frame(200, 4)))[0].warnings).toBeUndefined();
  });

  it('flags a 1×1 image', async () => {
    const [item] = await read({ bitpix: -32, shape: [1, 1], data: Float32Array.of(5) });
    expect(item.warnings).toEqual([
      'HDU 0: a 1×1 image, read as a single pixel that has no shape to compare; leave such files out',
    ]);
  });

  it('flags a 1-D spectrum whose axis 1 is wavelength only by assumption', async () => {
    const spectrum = (cards: FitsImageToWrite['cards']): FitsImageToWrite => ({
      bitpix: -32,
      shape: [500],
      data: Float32Array.from({ length: 500 }, (_, i) => 10 + Math.sin(i / 9)),
      cards,
    });
    const [assumed] = await read(
      spectrum([
        ['CRVAL1', 4000],
        ['CDELT1', 2],
        ['CRPIX1', 1],
      ]),
    );
    expect(assumed.modality).toBe('spectrum');
    expect(assumed.warnings).toEqual([
      'HDU 0: a 1-D array with no CTYPE1: axis 1 was assumed to be wavelength in Å from CRVAL1/CDELT1; ' +
        "set CTYPE1 = 'WAVE' (vacuum) or 'AWAV' (air) and CUNIT1 if that is right",
    ]);
    const [declared] = await read(
      spectrum([
        ['CTYPE1', 'WAVE'],
        ['CRVAL1', 4000],
        ['CDELT1', 2],
        ['CRPIX1', 1],
      ]),
    );
    expect(declared.warnings).toBeUndefined();
  });

  it('refuses a 1-D array with no wavelength axis, saying what to add', async () => {
    await expect(read({ bitpix: -32, shape: [100], data: new Float32Array(100) })).rejects.toThrow(
      'HDU 0 is a 1-D array of 100 values with no wavelength axis, so neither an image nor a spectrum: give it a ' +
        "wavelength WCS (CRVAL1, CDELT1, CTYPE1 = 'WAVE') to ingest it as a spectrum",
    );
  });
});
