// Wavelength units as archives write them (CUNIT1, TUNITn, text headers), to Å: the one
// table every spectrum reader converts with. A unit not listed is refused by the caller
// rather than guessed, since a factor of 10 puts every line in the wrong place.

/** Å per unit, keyed by the unit upper-cased without spaces; '' (no unit) is Å, as IRAF and most tables mean it. */
const ANGSTROMS_PER: Record<string, number> = {
  '': 1,
  ANGSTROM: 1,
  ANGSTROMS: 1,
  ANGSTROEM: 1,
  A: 1,
  AA: 1,
  Å: 1,
  '0.1NM': 1,
  NM: 10,
  NANOMETER: 10,
  NANOMETERS: 10,
  UM: 1e4,
  µM: 1e4,
  ΜM: 1e4,
  MICRON: 1e4,
  MICRONS: 1e4,
  MICROMETER: 1e4,
  MICROMETERS: 1e4,
  CM: 1e8,
  M: 1e10,
};

/** Å per `unit` (as written, any case), or undefined for a unit that is not a wavelength Serendip knows. */
export function angstromsPer(unit: string | null | undefined): number | undefined {
  return ANGSTROMS_PER[(unit ?? '').replace(/\s+/g, '').toUpperCase()];
}
