// The y axis title from the unit a file writes (SDSS: "1E-17 erg/cm^2/s/Angstrom"), in the
// notation of a paper's figure: "10⁻¹⁷ erg s⁻¹ cm⁻² Å⁻¹" would be the purist's form, but the
// slashed form reads at a glance and keeps the file's order, so only the glyphs change.

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

const superscript = (digits: string) => [...digits].map((c) => SUPERSCRIPT[c] ?? c).join('');

export function formatFluxUnit(unit: string | null): string {
  if (!unit || !unit.trim()) return 'flux';
  const pretty = unit
    .trim()
    .replace(/^1(?:\.0*)?[eE]([-+]?\d+)\s*/, (_, exp: string) => `10${superscript(String(Number(exp)))} `)
    .replace(/\^?\(?([-+]?\d+)\)?(?=\/|\s|$)/g, (match, exp: string, offset: number, whole: string) =>
      // Only exponents written after a unit (cm^2, cm2, s^-1), not the scale factor just made.
      offset > 0 && /[a-zA-Z]/.test(whole[offset - 1]) ? superscript(String(Number(exp))) : match,
    )
    .replace(/Angstroms?|Ang\b|AA\b/g, 'Å');
  return `flux (${pretty})`;
}
