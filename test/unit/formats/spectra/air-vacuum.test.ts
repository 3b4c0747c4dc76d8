// Air to vacuum: the conversion against wavelengths measured in both media, the line list
// the inspector marks (vacuum) against the air values its lines are known by, and the
// header cards that say which medium a file uses.
import { describe, expect, it } from 'vitest';
import { type FitsHeader, parseFitsHeader } from '../../../../electron/core/formats/fits/header.js';
import { formatCard } from '../../../../electron/core/formats/fits/writer.js';
import {
  airToVacuum,
  describeMedium,
  mediumFromCards,
  toVacuum,
} from '../../../../electron/core/formats/spectra/air-vacuum.js';
import type { Spectrum1D } from '../../../../electron/core/formats/spectra/spectrum.js';
import { SPECTRAL_LINES } from '../../../../renderer/src/views/inspector/spectral-lines.js';

/** Lines with air and vacuum wavelengths as tabulated (SDSS and NIST lists), Å. */
const AIR_AND_VACUUM: [string, number, number][] = [
  ['Hβ 4861', 4861.33, 4862.68],
  ['[O III] 5007', 5006.84, 5008.24],
  ['Hα 6563', 6562.8, 6564.61],
  ['[S II] 6731', 6730.82, 6732.67],
  ['Paβ 1.282 µm', 12818.08, 12821.59],
  ['[Fe II] 1.644 µm', 16435.5, 16439.98],
  ['Br11 1.681 µm', 16806.5, 16811.11],
  ['Brγ 2.166 µm', 21655.29, 21661.2],
];

function header(cards: [string, string | number | boolean][]): FitsHeader {
  const text = [formatCard('SIMPLE', true), ...cards.map(([k, v]) => formatCard(k, v)), 'END'.padEnd(80)].join('');
  return parseFitsHeader(Buffer.from(text.padEnd(2880), 'latin1'));
}

describe('air and vacuum wavelengths', () => {
  it('converts measured air wavelengths to their vacuum values within 0.1 Å', () => {
    for (const [name, air, vacuum] of AIR_AND_VACUUM) expect(airToVacuum(air) - vacuum, name).toBeCloseTo(0, 1);
    // No air convention in the far ultraviolet: Lyα stays where it is.
    expect(airToVacuum(1215.67)).toBe(1215.67);
  });

  it('agrees with the line list the inspector marks', () => {
    const byName = new Map(SPECTRAL_LINES.map((l) => [l.name, l.rest]));
    for (const [name, air] of AIR_AND_VACUUM) expect(airToVacuum(air) - byName.get(name)!, name).toBeCloseTo(0, 1);
  });

  it('converts an air spectrum once and leaves vacuum and unstated ones alone', () => {
    const spectrum = (medium?: 'air' | 'vacuum'): Spectrum1D => ({
      wavelength: Float64Array.of(6562.8, 6563.8),
      flux: new Float32Array(2),
      ivar: null,
      mask: new Uint32Array(2),
      z: null,
      class: null,
      ra: null,
      dec: null,
      fluxUnit: null,
      hdu: 0,
      layout: 'wcs-image',
      ...(medium ? { medium } : {}),
    });
    const air = toVacuum(toVacuum(spectrum('air')));
    expect(air.wavelength[0]).toBeCloseTo(6564.61, 1);
    expect(air.convertedToVacuum).toBe(true);
    expect(toVacuum(spectrum('vacuum')).wavelength[0]).toBe(6562.8);
    expect(toVacuum(spectrum()).wavelength[0]).toBe(6562.8);
    expect(describeMedium(air)).toBe('vacuum wavelengths, converted from air');
    expect(describeMedium(spectrum())).toMatch(/does not say air or vacuum/);
  });

  it('reads the medium from AIRORVAC, VACUUM or CTYPE1', () => {
    expect(mediumFromCards(header([['AIRORVAC', 'air']]))).toEqual({ medium: 'air', evidence: "AIRORVAC = 'air'" });
    expect(mediumFromCards(header([['AIRORVAC', 'vac']]))?.medium).toBe('vacuum');
    expect(mediumFromCards(header([['VACUUM', false]]))?.medium).toBe('air');
    expect(mediumFromCards(header([['CTYPE1', 'AWAV']]))?.medium).toBe('air');
    expect(mediumFromCards(header([['CTYPE1', 'WAVE-LOG']]))?.medium).toBe('vacuum');
    expect(mediumFromCards(header([['CTYPE1', 'LINEAR']]))).toBeNull();
    expect(mediumFromCards(header([['CTYPE1', 'Wavelength']]))).toBeNull();
  });
});
