// The line list and where its lines land at a redshift.
import { describe, expect, it } from 'vitest';
import {
  SPECTRAL_LINES,
  linesInRange,
  observedWavelength,
  restWavelength,
} from '../../../renderer/src/views/inspector/spectral-lines.js';

describe('spectral lines', () => {
  it('lists the common emission and absorption lines with vacuum wavelengths', () => {
    const byName = new Map(SPECTRAL_LINES.map((l) => [l.name, l]));
    for (const name of [
      '[O II] 3727',
      'Hβ 4861',
      '[O III] 4959',
      '[O III] 5007',
      'Hα 6563',
      '[N II] 6548',
      '[N II] 6584',
      '[S II] 6717',
      '[S II] 6731',
      'Lyα 1216',
      'C IV 1549',
      'C III] 1909',
      'Mg II 2798',
    ]) {
      expect(byName.get(name)?.kind, name).toBe('emission');
    }
    for (const name of ['Ca K 3934', 'Ca H 3969', 'G band 4304', 'Mg b 5175', 'Na D 5893'])
      expect(byName.get(name)?.kind, name).toBe('absorption');
    // Vacuum, not air: Hα is 6564.61 Å in vacuum (6562.8 in air); every line a little above its air name.
    expect(byName.get('Hα 6563')!.rest).toBeCloseTo(6564.61, 2);
    // The H band's own lines, for near-infrared spectra.
    for (const name of ['Br10 1.737 µm', 'Br11 1.681 µm', 'Br12 1.641 µm', 'Br13 1.611 µm', '[Fe II] 1.644 µm'])
      expect(byName.get(name)?.rest, name).toBeGreaterThan(15_000);
    for (const l of SPECTRAL_LINES) {
      // The list is read from assets/spectral-lines.json, which the type system does not check.
      expect(['emission', 'absorption'], l.name).toContain(l.kind);
      expect(l.label.length, l.name).toBeGreaterThan(0);
      // Names end in the rounded air wavelength, in Å or (near-infrared) in µm to 3 decimals.
      const [, value, micron] = /([\d.]+)( µm)?$/.exec(l.name)!;
      const air = Number(value) * (micron ? 1e4 : 1);
      expect(l.rest - air, l.name).toBeGreaterThan(micron ? -5 : -0.5);
      expect(l.rest - air, l.name).toBeLessThan(micron ? 12 : 3);
    }
  });

  it('puts a line at (1 + z)·λ_rest and back', () => {
    expect(observedWavelength(6564.61, 0)).toBe(6564.61);
    expect(observedWavelength(5008.24, 0.1)).toBeCloseTo(5509.064, 6);
    expect(observedWavelength(1215.67, 3)).toBeCloseTo(4862.68, 6);
    expect(restWavelength(observedWavelength(4862.68, 0.37), 0.37)).toBeCloseTo(4862.68, 9);
  });

  it('picks the lines inside a wavelength range, in order, moving with z', () => {
    const atRest = linesInRange(0, 6500, 6800).map((p) => p.line.name);
    expect(atRest).toEqual(['[N II] 6548', 'Hα 6563', '[N II] 6584', '[S II] 6717', '[S II] 6731']);
    const z = 0.15;
    const shifted = linesInRange(z, 3800, 9200);
    expect(shifted.find((p) => p.line.name === 'Hα 6563')!.observed).toBeCloseTo(6564.61 * 1.15, 6);
    expect(shifted.map((p) => p.observed)).toEqual([...shifted.map((p) => p.observed)].sort((a, b) => a - b));
    expect(shifted.some((p) => p.line.name === 'Lyα 1216')).toBe(false);
    // A quasar at z = 2.5 shows Lyα, C IV and C III] in the optical, and no Hα.
    const names = linesInRange(2.5, 3800, 9200).map((p) => p.line.name);
    expect(names).toEqual(expect.arrayContaining(['Lyα 1216', 'C IV 1549', 'C III] 1909']));
    expect(names).not.toContain('Hα 6563');
  });
});
