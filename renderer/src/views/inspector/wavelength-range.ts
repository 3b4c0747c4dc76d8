// The spectrum plot's visible wavelength range and the ways it changes: wheel zoom about the
// pointer, a dragged range, panning, and reset. Every result stays inside the spectrum
// (nothing to see beyond it) and no narrower than a few pixels (past that a zoom shows a
// single flat segment, and the ticks run out of digits).

export interface WavelengthRange {
  /** Observed wavelength, Å; min < max. */
  min: number;
  max: number;
}

/** Keeps `range` inside `full` and at least `minSpan` wide, shifting rather than shrinking where it can. */
export function clampRange(range: WavelengthRange, full: WavelengthRange, minSpan: number): WavelengthRange {
  const fullSpan = full.max - full.min;
  let span = Math.min(Math.max(range.max - range.min, Math.min(minSpan, fullSpan)), fullSpan);
  if (!(span > 0)) span = fullSpan;
  let min = (range.min + range.max) / 2 - span / 2;
  if (range.max - range.min >= span) min = range.min;
  min = Math.min(Math.max(min, full.min), full.max - span);
  return { min, max: min + span };
}

/**
 * Zooms by `factor` (< 1 in, > 1 out) keeping wavelength `anchor` where it is on screen,
 * as a wheel turn over the plot does.
 */
export function zoomRange(
  range: WavelengthRange,
  full: WavelengthRange,
  anchor: number,
  factor: number,
  minSpan: number,
): WavelengthRange {
  const a = Math.min(Math.max(anchor, range.min), range.max);
  const span = (range.max - range.min) * factor;
  const clampedSpan = Math.min(Math.max(span, Math.min(minSpan, full.max - full.min)), full.max - full.min);
  const t = (a - range.min) / (range.max - range.min);
  const min = a - t * clampedSpan;
  return clampRange({ min, max: min + clampedSpan }, full, minSpan);
}

/** Moves the range by `delta` Å (positive: towards the red), stopping at the spectrum's ends. */
export function panRange(range: WavelengthRange, full: WavelengthRange, delta: number): WavelengthRange {
  const span = range.max - range.min;
  const min = Math.min(Math.max(range.min + delta, full.min), full.max - span);
  return { min, max: min + span };
}

/** The range between two dragged wavelengths, in either order; null for a drag too short to mean a range. */
export function rangeFromDrag(a: number, b: number, full: WavelengthRange, minSpan: number): WavelengthRange | null {
  const min = Math.min(a, b);
  const max = Math.max(a, b);
  if (max - min < minSpan / 4) return null;
  return clampRange({ min, max }, full, minSpan);
}

/** True when `range` shows the whole spectrum (the reset button has nothing to do). */
export function isFullRange(range: WavelengthRange, full: WavelengthRange): boolean {
  const tolerance = (full.max - full.min) * 1e-9;
  return range.min <= full.min + tolerance && range.max >= full.max - tolerance;
}

/** Round tick values ("nice numbers": 1, 2 or 5 × 10^k apart) across [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min) || !(count >= 1)) return [];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  // The multiplier nearest the rough step on a log scale (d3's thresholds: √2, √10, √50).
  const ratio = rough / power;
  const step = power * (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
    ticks.push(Number((k * step).toPrecision(12)) + 0);
  return ticks;
}
