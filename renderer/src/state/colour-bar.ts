// The numbers of a continuous colour scale: the range it spans (robust percentiles, so one
// -9999 sentinel or a single outlier does not squash every other object into one colour) and
// round ticks in the column's own units. O(N) over a typed array: percentiles by quickselect.

/** The share of values below the scale's low end, and above its high end, drawn at the ends. */
export const COLOUR_BAR_CLIP = 0.02;

export interface ColourRange {
  /** The scale's ends: values at or beyond them take the end colours. */
  lo: number;
  hi: number;
  /** Finite values below lo or above hi exist (the legend says the ends are percentiles). */
  clipped: boolean;
  /** Values that are NaN (missing). */
  missing: number;
}

/** Rearranges a[from..to] so that a[k] is the value sorted order puts there (Hoare's selection). */
function select(a: Float32Array, k: number): number {
  let from = 0;
  let to = a.length - 1;
  while (from < to) {
    const pivot = a[(from + to) >>> 1];
    let i = from;
    let j = to;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) to = j;
    else if (k >= i) from = i;
    else return a[k];
  }
  return a[k];
}

/** The scale's range over `values` (NaN = missing): the COLOUR_BAR_CLIP and 1 - COLOUR_BAR_CLIP quantiles. */
export function colourRange(values: Float32Array, clip = COLOUR_BAR_CLIP): ColourRange | null {
  const finite = new Float32Array(values.length);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite[n++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const missing = values.length - n;
  if (n === 0) return null;
  const sample = finite.subarray(0, n);
  let lo = select(sample, Math.round(clip * (n - 1)));
  let hi = select(sample, Math.round((1 - clip) * (n - 1)));
  // Most values equal (a spike): the whole range still tells the rest apart.
  if (!(hi > lo)) [lo, hi] = [min, max];
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
  return { lo, hi, clipped: min < lo || max > hi, missing };
}

export interface Tick {
  value: number;
  label: string;
  /** Where on the bar, 0 (lo) to 1 (hi). */
  at: number;
}

/** A round step (1, 2 or 5 × 10^k) giving about `target` ticks over the span. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10) * power;
}

/** `value` written with as many decimals as `step` needs (exponent form for the very large or small). */
export function formatTick(value: number, step: number): string {
  const magnitude = Math.max(Math.abs(value), step);
  if (magnitude >= 1e6 || magnitude < 1e-4)
    return value.toExponential(Math.max(0, Math.ceil(-Math.log10(step / magnitude)) - 1));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(decimals);
}

/** Round values between lo and hi (inclusive), about `target` of them. */
export function colourBarTicks(lo: number, hi: number, target = 5): Tick[] {
  if (!(hi > lo)) return [{ value: lo, label: formatTick(lo, 1), at: 0 }];
  const step = niceStep(hi - lo, target);
  const ticks: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    const value = k * step;
    ticks.push({ value, label: formatTick(value, step), at: (value - lo) / (hi - lo) });
  }
  return ticks;
}
