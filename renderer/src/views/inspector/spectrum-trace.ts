// What the spectrum plot draws for a wavelength range at a given width in screen pixels:
// the flux as polyline segments broken at masked pixels, the ±1σ band beside it, the
// masked stretches as spans, and a y range. Past two pixels per screen column the points
// are thinned to each column's first-to-last min and max, which keeps every spike and
// trough visible at a few thousand SVG vertices, whatever the spectrum's length.

export interface SpectrumColumns {
  wavelength: Float64Array;
  flux: Float32Array;
  /** 1σ error; NaN where unknown; null when there is none. */
  sigma: Float32Array | null;
  /** 1 = good pixel, 0 = masked. */
  good: Uint8Array;
}

/** One unbroken run of good pixels, as points in data units. */
export interface TraceSegment {
  wavelength: number[];
  flux: number[];
  /** flux − σ and flux + σ at each point (the column's extremes when thinned); NaN where σ is unknown. */
  low: number[];
  high: number[];
}

export interface SpectrumTrace {
  segments: TraceSegment[];
  /** Masked stretches [from, to] in Å, pixel edges included. */
  masked: [number, number][];
  /** How many pixels fall in the range, and how many points the segments hold. */
  pixels: number;
  points: number;
}

/** First pixel with wavelength ≥ w (binary search; wavelengths increase). */
export function lowerIndex(wavelength: Float64Array, w: number): number {
  let lo = 0;
  let hi = wavelength.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (wavelength[mid] < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Half the spacing around pixel i: where its edges lie. */
function halfWidth(wavelength: Float64Array, i: number): number {
  const n = wavelength.length;
  if (n < 2) return 0.5;
  const left = i > 0 ? wavelength[i] - wavelength[i - 1] : wavelength[1] - wavelength[0];
  const right = i < n - 1 ? wavelength[i + 1] - wavelength[i] : left;
  return Math.min(left, right) / 2;
}

export function spectrumTrace(s: SpectrumColumns, min: number, max: number, columns: number): SpectrumTrace {
  // One pixel beyond each end, so the line runs to the plot's edges.
  const start = Math.max(0, lowerIndex(s.wavelength, min) - 1);
  const end = Math.min(s.wavelength.length, lowerIndex(s.wavelength, max) + 1);
  const segments: TraceSegment[] = [];
  const masked: [number, number][] = [];
  let current: TraceSegment | null = null;
  const push = (w: number, f: number, lo: number, hi: number) => {
    current ??= { wavelength: [], flux: [], low: [], high: [] };
    current.wavelength.push(w);
    current.flux.push(f);
    current.low.push(lo);
    current.high.push(hi);
  };
  const breakSegment = () => {
    if (current && current.wavelength.length) segments.push(current);
    current = null;
  };
  const thin = end - start > 2 * Math.max(1, columns);
  const step = (max - min) / Math.max(1, columns);
  let i = start;
  while (i < end) {
    if (!s.good[i]) {
      const from = i;
      while (i < end && !s.good[i]) i++;
      masked.push([
        s.wavelength[from] - halfWidth(s.wavelength, from),
        s.wavelength[i - 1] + halfWidth(s.wavelength, i - 1),
      ]);
      breakSegment();
      continue;
    }
    if (!thin) {
      const e = s.sigma ? s.sigma[i] : NaN;
      push(s.wavelength[i], s.flux[i], s.flux[i] - e, s.flux[i] + e);
      i++;
      continue;
    }
    // The good pixels of this screen column (until a masked one or the column's end).
    const column = Math.floor((s.wavelength[i] - min) / step);
    const columnEnd = min + (column + 1) * step;
    let iMin = i;
    let iMax = i;
    let low = Infinity;
    let high = -Infinity;
    // At least pixel i, whatever rounding does to columnEnd.
    do {
      if (s.flux[i] < s.flux[iMin]) iMin = i;
      if (s.flux[i] > s.flux[iMax]) iMax = i;
      const e = s.sigma ? s.sigma[i] : NaN;
      if (e === e) {
        low = Math.min(low, s.flux[i] - e);
        high = Math.max(high, s.flux[i] + e);
      }
      i++;
    } while (i < end && s.good[i] && s.wavelength[i] < columnEnd);
    if (low === Infinity) low = high = NaN;
    for (const k of iMin === iMax ? [iMin] : iMin < iMax ? [iMin, iMax] : [iMax, iMin])
      push(s.wavelength[k], s.flux[k], low, high);
  }
  breakSegment();
  return { segments, masked, pixels: end - start, points: segments.reduce((n, seg) => n + seg.wavelength.length, 0) };
}

/**
 * The flux range to show for [min, max]: the extremes of the good pixels, padded by 6% on
 * each side, except that a lone spike (a cosmic ray or hot pixel the mask missed) counts
 * only as high as its neighbours, so it does not flatten the spectrum. A real line spans
 * several pixels whose neighbours rise with it (SDSS's instrumental σ is about a pixel), so
 * its peak is never cut off.
 */
export function fluxRange(s: SpectrumColumns, min: number, max: number): [number, number] {
  const start = lowerIndex(s.wavelength, min);
  const end = lowerIndex(s.wavelength, max + Number.EPSILON * Math.abs(max));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    if (!s.good[i]) continue;
    const v = despiked(s, i);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/**
 * Pixel i's flux, or its nearer neighbour's where it stands out from both neighbours by more
 * than twice as much as they stand out from the pixels two away: a Gaussian line of σ ≥ 1
 * pixel never does (its peak exceeds its neighbours by less than they exceed the wings);
 * a one-pixel spike over a flat continuum always does.
 */
export function despiked(s: SpectrumColumns, i: number): number {
  const at = (k: number) => (k >= 0 && k < s.flux.length && s.good[k] ? s.flux[k] : NaN);
  const f = s.flux[i];
  const a = at(i - 1);
  const c = at(i + 1);
  if (a !== a || c !== c) return f;
  const far = [at(i - 2), at(i + 2)].filter((v) => v === v);
  if (far.length === 0) return f;
  if (f > Math.max(a, c)) {
    const near = Math.max(a, c);
    const wing = Math.min(...far);
    return f - near > 2 * Math.max(0, near - wing) + 1e-30 ? near : f;
  }
  if (f < Math.min(a, c)) {
    const near = Math.min(a, c);
    const wing = Math.max(...far);
    return near - f > 2 * Math.max(0, wing - near) + 1e-30 ? near : f;
  }
  return f;
}
