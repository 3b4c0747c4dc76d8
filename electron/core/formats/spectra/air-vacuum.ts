// Air and vacuum wavelengths. Ground-based pipelines (IRAF, many long-slit and échelle
// reductions) often give air wavelengths; SDSS, DESI, HST and the line list the inspector
// marks use vacuum. One convention is needed to compare spectra and place lines: vacuum,
// since it is what the big archives use. The conversion is the inverse of Morton (2000)'s
// refractive index of standard air, as fitted by N. Piskunov for VALD (the form the SDSS
// and IAU conventions follow): λ_vac = n(λ_air)·λ_air, valid above 2000 Å; below 2000 Å air
// wavelengths are not used, so they are left as they are.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { Spectrum1D, WavelengthMedium } from './spectrum.js';

/** Below this (Å) there is no air convention: UV wavelengths are always vacuum. */
const AIR_CONVENTION_MIN = 2000;

/** The vacuum wavelength (Å) of an air wavelength `air` (Å). */
export function airToVacuum(air: number): number {
  if (!(air >= AIR_CONVENTION_MIN)) return air;
  const s2 = (1e4 / air) ** 2;
  const n =
    1 + 0.00008336624212083 + 0.02408926869968 / (130.1065924522 - s2) + 0.0001599740894897 / (38.92568793293 - s2);
  return air * n;
}

/** Converts an air spectrum's wavelengths to vacuum in place (once); a vacuum or unstated one is left alone. */
export function toVacuum(spectrum: Spectrum1D): Spectrum1D {
  if (spectrum.medium !== 'air' || spectrum.convertedToVacuum) return spectrum;
  const { wavelength } = spectrum;
  for (let i = 0; i < wavelength.length; i++) wavelength[i] = airToVacuum(wavelength[i]);
  for (let i = 1; i < wavelength.length; i++) {
    if (!(wavelength[i] > wavelength[i - 1]))
      throw new FitsFormatError(`the spectrum's wavelengths are not monotonic after air-to-vacuum (pixel ${i})`);
  }
  spectrum.convertedToVacuum = true;
  return spectrum;
}

/** What a FITS header says about the medium: AIRORVAC (IRAF, ESO), VACUUM, or CTYPE1 AWAV/WAVE; null when silent. */
export function mediumFromCards(header: FitsHeader): MediumConvention | null {
  const get = (key: string) => header.get(key);
  const airOrVac = get('AIRORVAC');
  if (typeof airOrVac === 'string') {
    const v = airOrVac.trim().toLowerCase();
    if (v.startsWith('air')) return { medium: 'air', evidence: `AIRORVAC = '${airOrVac.trim()}'` };
    if (v.startsWith('vac')) return { medium: 'vacuum', evidence: `AIRORVAC = '${airOrVac.trim()}'` };
  }
  const vacuum = get('VACUUM');
  if (typeof vacuum === 'boolean')
    return { medium: vacuum ? 'vacuum' : 'air', evidence: `VACUUM = ${vacuum ? 'T' : 'F'}` };
  const ctype = get('CTYPE1');
  if (typeof ctype === 'string') {
    // The FITS standard's codes only (WAVE, AWAV and their -LOG/-TAB forms), not free text such as 'Wavelength'.
    const code = /^(WAVE|AWAV)(-[A-Z0-9]{3})?$/.exec(ctype.trim().toUpperCase())?.[1];
    if (code === 'AWAV') return { medium: 'air', evidence: `CTYPE1 = '${ctype.trim()}'` };
    if (code === 'WAVE') return { medium: 'vacuum', evidence: `CTYPE1 = '${ctype.trim()}'` };
  }
  return null;
}

/** A medium and what says so: the cards' statement, or an instrument's or pipeline's convention. */
export interface MediumConvention {
  medium: WavelengthMedium;
  evidence: string;
}

/** IRAF's convention: dispersion solutions fitted to arc lines are in air. */
export const IRAF_AIR: MediumConvention = {
  medium: 'air',
  evidence: 'IRAF dispersion solutions are in air unless AIRORVAC says otherwise',
};

/** The medium fields of a spectrum: what the header's cards state, else `convention`, else none (unknown). */
export function mediumOf(
  header: FitsHeader,
  convention?: MediumConvention,
): Pick<Spectrum1D, 'medium' | 'mediumEvidence'> {
  const said = mediumFromCards(header) ?? convention;
  return said ? { medium: said.medium, mediumEvidence: said.evidence } : {};
}

/** The inspector's one line on the convention of a spectrum read through fits-spectrum.ts or text-spectrum.ts. */
export function describeMedium(spectrum: Pick<Spectrum1D, 'medium' | 'mediumEvidence' | 'convertedToVacuum'>): string {
  const because = spectrum.mediumEvidence ? ` (${spectrum.mediumEvidence})` : '';
  if (spectrum.medium === 'air') return `vacuum wavelengths, converted from air${because}`;
  if (spectrum.medium === 'vacuum') return `vacuum wavelengths${because}`;
  return 'wavelengths as written: the file does not say air or vacuum';
}
