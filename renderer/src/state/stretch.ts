// Display stretches for the inspector's pixel view: limits from percentiles or IRAF's
// zscale, then a linear, sqrt, log or asinh curve from [lo, hi] to [0, 1]. Display images
// (PNG, JPEG) start linear over their full range, which shows their pixels as stored.
export type StretchKind = 'linear' | 'sqrt' | 'log' | 'asinh' | 'zscale';
export const STRETCHES: StretchKind[] = ['linear', 'sqrt', 'log', 'asinh', 'zscale'];

export interface StretchSetting {
  kind: StretchKind;
  lowPct: number;
  highPct: number;
}

/**
 * Where the view starts: measurements (FITS) get asinh over the 1–99.5 % range, so faint features show; display
 * images (PNG, JPEG, uint8 HDF5) their own values, linear over the full range.
 */
export function defaultStretch(source: 'fits' | 'raster'): StretchSetting {
  return source === 'raster'
    ? { kind: 'linear', lowPct: 0, highPct: 100 }
    : { kind: 'asinh', lowPct: 1, highPct: 99.5 };
}

/** Finite values, sorted; at most `limit` of them, evenly sampled (limits need not see every pixel). */
export function sortedSample(values: Float32Array, limit = 50_000): Float32Array {
  const step = Math.max(1, Math.floor(values.length / limit));
  const out: number[] = [];
  for (let i = 0; i < values.length; i += step) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float32Array.from(out).sort();
}

export function percentile(sorted: Float32Array, pct: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, (pct / 100) * (sorted.length - 1)));
  const i = Math.floor(at);
  const f = at - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * IRAF zscale: fit a line to the central sorted sample and keep the range that line spans
 * over the sample, its slope divided by `contrast` (0.25 as in DS9), clipped to the data.
 */
export function zscaleLimits(sorted: Float32Array, contrast = 0.25): [number, number] {
  const n = sorted.length;
  if (n < 2) return [sorted[0] ?? 0, sorted[0] ?? 1];
  const centre = (n - 1) / 2;
  const median = percentile(sorted, 50);
  // Least-squares slope over the middle 80%, which skips stars and cold pixels.
  const from = Math.floor(n * 0.1);
  const to = Math.ceil(n * 0.9);
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    m = 0;
  for (let i = from; i < to; i++) {
    const x = i - centre;
    sx += x;
    sy += sorted[i];
    sxx += x * x;
    sxy += x * sorted[i];
    m++;
  }
  const slope = m > 1 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0;
  const half = ((slope / contrast) * n) / 2;
  const lo = Math.max(sorted[0], median - half);
  const hi = Math.min(sorted[n - 1], median + half);
  return hi > lo ? [lo, hi] : [sorted[0], sorted[n - 1]];
}

export function stretchLimits(
  sorted: Float32Array,
  kind: StretchKind,
  lowPct: number,
  highPct: number,
): [number, number] {
  if (kind === 'zscale') return zscaleLimits(sorted);
  return [percentile(sorted, lowPct), percentile(sorted, highPct)];
}

/** Maps a value to [0, 1] given its limits and the curve. */
export function stretchValue(v: number, lo: number, hi: number, kind: StretchKind): number {
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
  switch (kind) {
    case 'sqrt':
      return Math.sqrt(t);
    case 'log':
      return Math.log10(1 + 1000 * t) / Math.log10(1001);
    case 'asinh':
      return Math.asinh(10 * t) / Math.asinh(10);
    default:
      return t;
  }
}

export interface PixelImage {
  width: number;
  height: number;
  bands: number;
  data: Float32Array;
}

/**
 * RGBA bytes for a canvas: one band in grey, or three bands as an RGB composite. Each band gets its own limits (survey
 * colour composites), or with `sharedLimits` one set from all shown bands, which keeps a display image's colours.
 */
export function renderStretched(
  image: PixelImage,
  bandsShown: number[],
  kind: StretchKind,
  lowPct: number,
  highPct: number,
  sharedLimits = false,
): Uint8ClampedArray {
  const plane = image.width * image.height;
  const out = new Uint8ClampedArray(plane * 4);
  const channels = bandsShown.length === 3 ? bandsShown : [bandsShown[0], bandsShown[0], bandsShown[0]];
  const bandValues = (band: number) => image.data.subarray(band * plane, (band + 1) * plane);
  let shared: [number, number] | null = null;
  if (sharedLimits) {
    const distinct = [...new Set(channels)];
    const all = new Float32Array(distinct.length * plane);
    distinct.forEach((band, i) => all.set(bandValues(band), i * plane));
    shared = stretchLimits(sortedSample(all), kind, lowPct, highPct);
  }
  channels.forEach((band, c) => {
    const values = bandValues(band);
    const [lo, hi] = shared ?? stretchLimits(sortedSample(values), kind, lowPct, highPct);
    for (let i = 0; i < plane; i++) {
      const v = values[i];
      out[4 * i + c] = Number.isFinite(v) ? Math.round(255 * stretchValue(v, lo, hi, kind)) : 0;
    }
  });
  for (let i = 0; i < plane; i++) out[4 * i + 3] = 255;
  return out;
}
