// The lines the spectrum plot marks, with vacuum rest wavelengths in Å: SDSS spectra are
// on a vacuum scale, and air values (the ones in line names such as "Hα 6563") sit about
// 1.8 Å lower at Hα, a pixel and a half of SDSS, enough to misplace a marker visibly.
// Values follow the SDSS line list (classic.sdss.org/dr7/products/spectra/vacwavelength).

export type LineKind = 'emission' | 'absorption';

export interface SpectralLine {
  /** Full name with the conventional (air, rounded) wavelength, e.g. "[O III] 5007". */
  name: string;
  /** Short label drawn beside the marker; doublet members share it. */
  label: string;
  /** Vacuum rest wavelength, Å. */
  rest: number;
  kind: LineKind;
}

export const SPECTRAL_LINES: readonly SpectralLine[] = [
  { name: 'Lyα 1216', label: 'Lyα', rest: 1215.67, kind: 'emission' },
  { name: 'C IV 1549', label: 'C IV', rest: 1549.48, kind: 'emission' },
  { name: 'C III] 1909', label: 'C III]', rest: 1908.73, kind: 'emission' },
  { name: 'Mg II 2798', label: 'Mg II', rest: 2799.12, kind: 'emission' },
  // The [O II] doublet (3727.09, 3729.88) is one blended line at SDSS resolution: its centre.
  { name: '[O II] 3727', label: '[O II]', rest: 3728.48, kind: 'emission' },
  { name: 'Hβ 4861', label: 'Hβ', rest: 4862.68, kind: 'emission' },
  { name: '[O III] 4959', label: '[O III]', rest: 4960.3, kind: 'emission' },
  { name: '[O III] 5007', label: '[O III]', rest: 5008.24, kind: 'emission' },
  { name: '[N II] 6548', label: '[N II]', rest: 6549.86, kind: 'emission' },
  { name: 'Hα 6563', label: 'Hα', rest: 6564.61, kind: 'emission' },
  { name: '[N II] 6584', label: '[N II]', rest: 6585.27, kind: 'emission' },
  { name: '[S II] 6717', label: '[S II]', rest: 6718.29, kind: 'emission' },
  { name: '[S II] 6731', label: '[S II]', rest: 6732.67, kind: 'emission' },
  { name: 'Ca K 3934', label: 'K', rest: 3934.78, kind: 'absorption' },
  { name: 'Ca H 3969', label: 'H', rest: 3969.59, kind: 'absorption' },
  { name: 'G band 4304', label: 'G', rest: 4305.61, kind: 'absorption' },
  { name: 'Mg b 5175', label: 'Mg b', rest: 5176.7, kind: 'absorption' },
  { name: 'Na D 5893', label: 'Na D', rest: 5895.6, kind: 'absorption' },
];

/** Where a line at rest wavelength `rest` lands in a spectrum at redshift z: (1 + z)·λ_rest. */
export function observedWavelength(rest: number, z: number): number {
  return rest * (1 + z);
}

/** The rest-frame wavelength of an observed one at redshift z. */
export function restWavelength(observed: number, z: number): number {
  return observed / (1 + z);
}

export interface PlacedLine {
  line: SpectralLine;
  /** Observed wavelength, Å. */
  observed: number;
}

/** The lines that fall within [min, max] (observed Å) at redshift z, in increasing wavelength. */
export function linesInRange(z: number, min: number, max: number, lines: readonly SpectralLine[] = SPECTRAL_LINES): PlacedLine[] {
  return lines
    .map((line) => ({ line, observed: observedWavelength(line.rest, z) }))
    .filter((p) => p.observed >= min && p.observed <= max)
    .sort((a, b) => a.observed - b.observed);
}
