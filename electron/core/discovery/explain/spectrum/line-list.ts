// The spectral lines explain names a wavelength range after: the list the inspector's plot marks,
// read from the one data file, assets/spectral-lines.json (vacuum rest wavelengths in Å, as the
// model grids are), so a driver window and a plot marker never disagree about a line.
import lineList from '../../../../../assets/spectral-lines.json' with { type: 'json' };

export interface NamedLine {
  /** "[O III] 5007": the conventional name with its (air, rounded) wavelength. */
  name: string;
  /** Vacuum rest wavelength, Å. */
  rest: number;
  kind: 'emission' | 'absorption';
}

export const NAMED_LINES: readonly NamedLine[] = Object.freeze(
  lineList.lines.map((l) => ({ name: l.name, rest: l.rest, kind: l.kind as NamedLine['kind'] })),
);

/**
 * The line whose observed wavelength (rest × (1 + z)) falls within [from, to] Å and lies nearest `at`, or null when
 * none does.
 */
export function lineWithin(from: number, to: number, at: number, z: number, lines = NAMED_LINES): string | null {
  let best: string | null = null;
  let distance = Infinity;
  for (const line of lines) {
    const observed = line.rest * (1 + z);
    if (observed < from || observed > to || Math.abs(observed - at) >= distance) continue;
    best = line.name;
    distance = Math.abs(observed - at);
  }
  return best;
}
