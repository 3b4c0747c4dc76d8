// Numbers and facts read from FITS header cards the same way by every spectrum layout: a card
// counts when it holds a finite number (quoted or not, as FitsHeader.getNumber reads it), and
// the first of several synonyms wins.
import type { FitsHeader } from '../fits/header.js';
import type { Spectrum1D } from './spectrum.js';

/** A finite number card among `keys`, or null. */
export function numberCard(header: FitsHeader, ...keys: string[]): number | null {
  for (const key of keys) {
    const v = header.getNumber(key);
    if (v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

/** What every many-row layout reads from the primary header alike: redshift, class, position, unit. */
export function headerFacts(header: FitsHeader): Pick<Spectrum1D, 'z' | 'class' | 'ra' | 'dec' | 'fluxUnit'> {
  return {
    z: numberCard(header, 'Z', 'REDSHIFT'),
    class: header.getString('CLASS')?.trim() || null,
    ra: numberCard(header, 'RA', 'RA_OBJ'),
    dec: numberCard(header, 'DEC', 'DEC_OBJ'),
    fluxUnit: header.getString('BUNIT')?.trim() || null,
  };
}
