// The lines the spectrum plot marks, with vacuum rest wavelengths in Å: SDSS spectra are
// on a vacuum scale, and air values (the ones in line names such as "Hα 6563") sit about
// 1.8 Å lower at Hα, a pixel and a half of SDSS, enough to misplace a marker visibly.
// The list itself is data, assets/spectral-lines.json (values from the SDSS line list,
// classic.sdss.org/dr7/products/spectra/vacwavelength).
import lineList from '../../../../assets/spectral-lines.json' with { type: 'json' };

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

export const SPECTRAL_LINES: readonly SpectralLine[] = lineList.lines as SpectralLine[];

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
export function linesInRange(
  z: number,
  min: number,
  max: number,
  lines: readonly SpectralLine[] = SPECTRAL_LINES,
): PlacedLine[] {
  return lines
    .map((line) => ({ line, observed: observedWavelength(line.rest, z) }))
    .filter((p) => p.observed >= min && p.observed <= max)
    .sort((a, b) => a.observed - b.observed);
}
