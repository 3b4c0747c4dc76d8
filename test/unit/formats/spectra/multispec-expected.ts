// The archive-spectra fixtures' ground truth (make_multispec.py): what astropy reads back and
// the wavelengths numpy evaluates from each file's dispersion formula, and a check of a
// reader's spectra against it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SpectrumFile } from '../../../../electron/core/formats/spectra/spectrum-file.js';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/archive-spectra');

export interface ExpectedItem {
  wavelength: number[];
  flux: (number | 'NaN')[];
  ivar: number[] | null;
  ra?: number;
  dec?: number;
}
export interface ExpectedFile {
  layout: string;
  count: number;
  names: (string | null)[];
  objectNames?: string[];
  objects?: boolean[];
  medium: 'air' | 'vacuum' | null;
  items: ExpectedItem[];
}

export const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected-multispec.json'), 'utf8')) as Record<
  string,
  ExpectedFile
>;

export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** Every object item of `file` against the truth: wavelengths to 1e-10 relative, flux and ivar exactly. */
export function expectItems(file: SpectrumFile, truth: ExpectedFile): void {
  expect(file.count).toBe(truth.count);
  truth.items.forEach((want, item) => {
    if (truth.objects && !truth.objects[item]) return;
    const s = file.spectrum(item);
    expect(s.wavelength.length).toBe(want.wavelength.length);
    const worst = want.wavelength.reduce((m, w, i) => Math.max(m, Math.abs(s.wavelength[i] - w) / w), 0);
    expect(worst).toBeLessThan(1e-10);
    expect(Array.from(s.flux, (v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(want.flux);
    if (want.ivar === null) expect(s.ivar).toBeNull();
    else expect(Array.from(s.ivar!)).toEqual(want.ivar);
    if (want.ra !== undefined) expect(s.ra).toBeCloseTo(want.ra, 10);
    if (want.dec !== undefined) expect(s.dec).toBeCloseTo(want.dec, 10);
    expect(s.medium).toBe(truth.medium ?? undefined);
    if (truth.objectNames) expect(s.objectName).toBe(truth.objectNames[item]);
  });
}
