// objectSpectrum and findObjects over a demo workspace with spectra: the plot's columns come
// from the file at full resolution, bad pixels folded into one column, the catalog z
// preferred; image and spectrum methods refuse the other modality with a clear reason; the
// result survives the binary frame that carries it over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { dispatch } from '../../../electron/core/api/api-methods.js';
import { objectSpectrumOf, WrongModalityError } from '../../../electron/core/api/object-spectrum.js';
import { encodeBinaryFrame } from '../../../electron/core/api/binary-frame.js';
import { readObjectSpectrum } from '../../../electron/core/ingest/read-spectrum.js';
import type { Spectrum1D } from '../../../electron/core/formats/spectra/spectrum.js';
import type { ObjectSpectrum } from '../../../electron/core/api/view-types.js';
import { decodeBinaryFrame } from '../../../renderer/src/api/binary-frame.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';

function spectrum(overrides: Partial<Spectrum1D> = {}): Spectrum1D {
  return {
    wavelength: Float64Array.from([4000, 4001, 4002, 4003]),
    flux: Float32Array.from([1, NaN, 3, 4]),
    ivar: Float32Array.from([4, 1, 0, 0.25]),
    mask: Uint32Array.from([0, 0, 0, 16]),
    z: 0.1,
    class: 'GALAXY',
    ra: 1,
    dec: 2,
    fluxUnit: '1E-17 erg/cm^2/s/Angstrom',
    hdu: 1,
    layout: 'sdss-coadd',
    ...overrides,
  };
}

describe('objectSpectrumOf', () => {
  it('turns ivar into 1σ and folds NaN flux, ivar 0 and mask bits into the good column', () => {
    const s = objectSpectrumOf(7, 'spec-1', spectrum(), {});
    expect(Array.from(s.good)).toEqual([1, 0, 0, 0]);
    expect(Array.from(s.sigma!)).toEqual([0.5, 1, NaN, 2]);
    expect(s).toMatchObject({ id: 7, name: 'spec-1', z: 0.1, zSource: 'file', fileZ: 0.1, class: 'GALAXY' });
    expect(objectSpectrumOf(7, 'x', spectrum({ ivar: null }), {}).sigma).toBeNull();
  });

  it('prefers the catalog redshift and class to the file', () => {
    const s = objectSpectrumOf(1, 'x', spectrum(), { z: '0.25', class: 'QSO' });
    expect(s).toMatchObject({ z: 0.25, zSource: 'catalog', fileZ: 0.1, class: 'QSO' });
    expect(objectSpectrumOf(1, 'x', spectrum({ z: null }), {})).toMatchObject({ z: null, zSource: null });
  });
});

describe('objectSpectrum and findObjects on a demo workspace', () => {
  const dir = useSharedTempDir('serendip-object-spectrum-');
  let service: SerendipService;
  let spectrumId: number;
  let imageId: number;

  beforeAll(async () => {
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    await service.demo({ objects: 4, spectra: 3 });
    const rows = service.workspace.db.prepare('SELECT id, modality FROM objects ORDER BY id').all() as {
      id: number;
      modality: string;
    }[];
    spectrumId = rows.find((r) => r.modality === 'spectrum')!.id;
    imageId = rows.find((r) => r.modality === 'image')!.id;
  });
  afterAll(() => {
    service?.close();
  });

  it("returns the file's own pixels with z, class and flux unit", async () => {
    const s = await service.objectSpectrum(spectrumId);
    const file = await readObjectSpectrum(service.workspace, spectrumId);
    const n = file.wavelength.length;
    expect(n).toBeGreaterThan(1000);
    expect(s.wavelength).toBeInstanceOf(Float64Array);
    expect(s.flux).toBeInstanceOf(Float32Array);
    expect(s.sigma).toBeInstanceOf(Float32Array);
    expect(s.good).toBeInstanceOf(Uint8Array);
    expect([s.flux.length, s.sigma!.length, s.good.length]).toEqual([n, n, n]);
    expect(Array.from(s.wavelength.subarray(0, 5))).toEqual(Array.from(file.wavelength.subarray(0, 5)));
    expect(s.good.reduce((a, b) => a + b, 0)).toBeGreaterThan(n / 2);
    const metadata = service.objectDetails(spectrumId).metadata;
    expect(s.z).toBeCloseTo(Number(metadata.z), 6);
    expect(s.zSource).toBe('catalog');
    expect(s.class).toBe(metadata.class);
    expect(s.fluxUnit).toMatch(/erg/);
  });

  it('refuses an image with a reason that names the right method, and objectPixels refuses a spectrum', async () => {
    await expect(service.objectSpectrum(imageId)).rejects.toThrow(WrongModalityError);
    await expect(service.objectSpectrum(imageId)).rejects.toThrow(
      /is an image, not a spectrum: read it with objectPixels/,
    );
    await expect(service.objectPixels(spectrumId)).rejects.toThrow(
      /is a spectrum, not an image: read it with objectSpectrum/,
    );
    await expect(service.objectSpectrum(999_999)).rejects.toThrow(/no object with id 999999/);
    await expect(dispatch(service, 'objectSpectrum', ['7'])).rejects.toThrow(/invalid arguments for objectSpectrum/);
  });

  it('crosses the binary frame with its typed arrays intact', async () => {
    const s = (await dispatch(service, 'objectSpectrum', [spectrumId])) as ObjectSpectrum;
    const decoded = decodeBinaryFrame(encodeBinaryFrame(s)) as ObjectSpectrum;
    expect(decoded.good).toBeInstanceOf(Uint8Array);
    expect(decoded.wavelength).toBeInstanceOf(Float64Array);
    expect(Array.from(decoded.flux)).toEqual(Array.from(s.flux));
    expect(Array.from(decoded.good)).toEqual(Array.from(s.good));
    expect({ ...decoded, wavelength: 0, flux: 0, sigma: 0, good: 0 }).toEqual({
      ...s,
      wavelength: 0,
      flux: 0,
      sigma: 0,
      good: 0,
    });
  });

  it('finds objects by part of their name, exact and prefix matches first, any modality', async () => {
    const name = service.objectDetails(spectrumId).name;
    const hits = service.findObjects(name);
    expect(hits[0]).toMatchObject({ id: spectrumId, name, modality: 'spectrum' });
    expect(service.findObjects('spec-').every((h) => h.modality === 'spectrum')).toBe(true);
    expect(service.findObjects('SPEC-')).toHaveLength(3);
    expect(service.findObjects('DEMO', 2)).toHaveLength(2);
    expect(service.findObjects('   ')).toEqual([]);
    expect(service.findObjects('%')).toEqual([]);
    await expect(dispatch(service, 'findObjects', ['x', 0])).rejects.toThrow(/invalid arguments for findObjects/);
  });
});
