// From a read spectrum to what ingest stores: the item's modality, store and metadata, the
// plot thumbnail, the regime grid it goes on, and a spectrum with nothing on any grid.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Spectrum1D } from '../../../electron/core/formats/spectra/spectrum.js';
import { float32Text, ingestedSpectrum } from '../../../electron/core/ingest/spectrum-item.js';
import {
  SPECTRUM_THUMB_HEIGHT,
  SPECTRUM_THUMB_WIDTH,
  spectrumPlotPixels,
} from '../../../electron/core/ingest/spectrum-thumbnail.js';

function spectrum(from: number, to: number, overrides: Partial<Spectrum1D> = {}): Spectrum1D {
  const n = Math.floor(Math.log10(to / from) / 1e-4);
  const wavelength = Float64Array.from({ length: n }, (_, i) => 10 ** (Math.log10(from) + i * 1e-4));
  return {
    wavelength,
    flux: Float32Array.from(wavelength, (w) => 1 + w / 1e4),
    ivar: new Float32Array(n).fill(1),
    mask: new Uint32Array(n),
    z: Math.fround(0.1234),
    class: 'GALAXY',
    ra: 10,
    dec: 20,
    fluxUnit: null,
    hdu: 1,
    layout: 'sdss-coadd',
    ...overrides,
  };
}

describe('spectrum items', () => {
  it('become spectrum objects bound for the spectrum store, with z and class as metadata', async () => {
    const item = await ingestedSpectrum(spectrum(3800, 9200));
    expect(item).toMatchObject({
      itemIndex: 0,
      modality: 'spectrum',
      hdu: 1,
      ra: 10,
      dec: 20,
      height: 1,
      bands: 1,
      inputLayout: { store: 'spectrum-2048x2.npy', rowShape: [2048, 2] },
      metadata: [
        { key: 'model_grid', value: 'optical', number: null },
        { key: 'z', value: '0.1234', number: 0.1234 },
        { key: 'class', value: 'GALAXY', number: null },
      ],
    });
    expect(item.modelInput).toHaveLength(4096);
    expect(await sharp(item.thumbnail).metadata()).toMatchObject({ format: 'webp', width: 256, height: 128 });
    const bare = await ingestedSpectrum(spectrum(3800, 9200, { z: null, class: null }));
    expect(bare.metadata).toEqual([{ key: 'model_grid', value: 'optical', number: null }]);
    expect(bare.warnings).toBeUndefined();
  });

  it("puts each spectrum on the regime grid where it has the most good bins, in that regime's store", async () => {
    const regimeOf = async (from: number, to: number) => {
      const item = await ingestedSpectrum(spectrum(from, to));
      return [item.metadata[0].value, item.inputLayout?.store];
    };
    expect(await regimeOf(10_500, 24_000)).toEqual(['near-infrared', 'spectrum-near-infrared-2048x2.npy']);
    expect(await regimeOf(1200, 3000)).toEqual(['ultraviolet', 'spectrum-ultraviolet-2048x2.npy']);
    // 3000–5000 Å: 600 Å on the ultraviolet grid (≈300 bins), 1400 Å on the optical one (≈1000 bins).
    expect(await regimeOf(3000, 5000)).toEqual(['optical', 'spectrum-2048x2.npy']);
    // 8000–12000 Å: 1800 Å on the optical grid (≈410 bins of its 2048), 2200 Å on the near-infrared (≈460).
    expect(await regimeOf(8000, 12_000)).toEqual(['near-infrared', 'spectrum-near-infrared-2048x2.npy']);
  });

  it('keeps a spectrum outside every grid as an object without a model input, with a warning', async () => {
    const item = await ingestedSpectrum(spectrum(30_000, 50_000));
    expect(item.modelInput).toBeNull();
    expect(item.inputLayout).toBeNull();
    expect(item.metadata[0]).toEqual({ key: 'model_grid', value: 'none', number: null });
    expect(item.warnings).toEqual([
      expect.stringMatching(/no good pixels on any model grid \(1150–25000 Å\); it covers 30000–49\d\d\d Å/),
    ]);
    const allMasked = spectrum(4000, 5000);
    allMasked.mask.fill(1);
    expect((await ingestedSpectrum(allMasked)).modelInput).toBeNull();
  });

  it('writes float32 values as their shortest decimal', () => {
    expect(float32Text(Math.fround(0.1234))).toBe('0.1234');
    expect(float32Text(Math.fround(2.5))).toBe('2.5');
    expect(float32Text(0.1234567890123)).toBe('0.1234567890123');
  });
});

describe('spectrum thumbnails', () => {
  it('draw the line only where the spectrum has data, on an opaque background', () => {
    const pixels = spectrumPlotPixels(spectrum(5000, 7000));
    expect(pixels).toHaveLength(SPECTRUM_THUMB_WIDTH * SPECTRUM_THUMB_HEIGHT * 4);
    const bright = (x: number) => {
      let n = 0;
      for (let y = 0; y < SPECTRUM_THUMB_HEIGHT; y++) if (pixels[(y * SPECTRUM_THUMB_WIDTH + x) * 4] > 200) n++;
      return n;
    };
    const columnOf = (w: number) =>
      3 + Math.floor((Math.log10(w / 3600) / Math.log10(9800 / 3600)) * (SPECTRUM_THUMB_WIDTH - 6));
    expect(bright(columnOf(6000))).toBeGreaterThan(0);
    expect(bright(columnOf(4500))).toBe(0);
    expect(bright(columnOf(8000))).toBe(0);
    expect(pixels.filter((v, i) => i % 4 === 3 && v !== 255)).toHaveLength(0);
  });
});
