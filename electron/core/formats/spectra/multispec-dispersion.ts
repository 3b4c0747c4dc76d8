// IRAF multispec dispersion functions (onedspec "specwcs", and the mwcs driver that evaluates
// them): the wavelength of physical pixel p of one aperture. Linear: w1 + dw·(p − 1);
// log-linear: 10^(w1 + dw·(p − 1)); nonlinear: Σ wt_i·(w0_i + W_i(p)) / Σ wt_i, each W_i a
// Chebyshev or Legendre series in n = (2p − (pmax + pmin)) / (pmax − pmin), a cubic or linear
// spline over npieces equal pieces of [pmin, pmax], or linear interpolation in a table of
// wavelengths at pixels 1, 2, …; every form is then divided by 1 + z (the Doppler field). The
// driver divides by the weights' sum (the document's formula leaves it out; IRAF writes weights
// that sum to 1, so the two agree on its files) and clamps p to [0.5, nw + 0.5], as here.
import { FitsFormatError } from '../fits/header.js';
import type { MultispecAperture } from './multispec-wat.js';

type Term =
  | { kind: 'chebyshev' | 'legendre'; weight: number; offset: number; middle: number; halfRange: number; c: number[] }
  | {
      kind: 'spline3' | 'spline1';
      weight: number;
      offset: number;
      pmin: number;
      scale: number;
      pieces: number;
      c: number[];
    }
  | { kind: 'pixel'; weight: number; offset: number; values: number[] };

/** Names of IRAF's function types 1 … 6, for messages. */
const FUNCTION_NAMES = ['', 'Chebyshev', 'Legendre', 'cubic spline', 'linear spline', 'pixel array', 'sampled array'];

function positiveInteger(value: number, what: string, ap: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new FitsFormatError(`aperture ${ap}'s dispersion function has ${what} ${value}, not a positive integer`);
  return value;
}

/** The nonlinear terms of an aperture (dtype 2). */
function parseTerms(aperture: MultispecAperture): Term[] {
  const f = aperture.functions;
  const ap = aperture.ap;
  const terms: Term[] = [];
  let i = 0;
  const take = (count: number, what: string) => {
    if (i + count > f.length)
      throw new FitsFormatError(
        `aperture ${ap}'s ${what} needs ${count} more fields, the attribute has ${f.length - i} (it is cut short)`,
      );
    const out = f.slice(i, i + count);
    i += count;
    return out;
  };
  while (i < f.length) {
    const [weight, offset, type] = take(3, 'dispersion function');
    const name = FUNCTION_NAMES[type] ?? `type ${type}`;
    if (type === 1 || type === 2) {
      const [orderField, pmin, pmax] = take(3, `${name} function`);
      const order = positiveInteger(orderField, 'order', ap);
      if (!(pmax !== pmin))
        throw new FitsFormatError(`aperture ${ap}'s ${name} range is empty (pmin = pmax = ${pmin})`);
      const c = take(order, `${name} function`);
      const kind = type === 1 ? 'chebyshev' : 'legendre';
      terms.push({ kind, weight, offset, middle: (pmax + pmin) / 2, halfRange: (pmax - pmin) / 2, c });
    } else if (type === 3 || type === 4) {
      const [piecesField, pmin, pmax] = take(3, `${name} function`);
      const pieces = positiveInteger(piecesField, 'npieces', ap);
      if (!(pmax !== pmin))
        throw new FitsFormatError(`aperture ${ap}'s ${name} range is empty (pmin = pmax = ${pmin})`);
      const c = take(pieces + (type === 3 ? 3 : 1), `${name} function`);
      const kind = type === 3 ? 'spline3' : 'spline1';
      terms.push({ kind, weight, offset, pmin, scale: pieces / (pmax - pmin), pieces, c });
    } else if (type === 5) {
      const count = positiveInteger(take(1, `${name} function`)[0], 'ncoords', ap);
      if (count < 2) throw new FitsFormatError(`aperture ${ap}'s pixel array has ${count} value, not 2 or more`);
      terms.push({ kind: 'pixel', weight, offset, values: take(count, `${name} function`) });
    } else if (type === 6) {
      throw new FitsFormatError(
        `aperture ${ap} uses a sampled-array dispersion function (type 6), which is not supported: ` +
          'resample it to a linear dispersion (IRAF dispcor) to ingest it',
      );
    } else {
      throw new FitsFormatError(`aperture ${ap} has dispersion function type ${type}; IRAF defines types 1 to 6`);
    }
  }
  if (terms.length === 0) throw new FitsFormatError(`aperture ${ap} is nonlinear (dtype 2) but gives no function`);
  if (terms.reduce((s, t) => s + t.weight, 0) === 0)
    throw new FitsFormatError(`aperture ${ap}'s dispersion functions have weights summing to 0`);
  return terms;
}

/**
 * Σ c_i·x_i with IRAF's recurrences: Chebyshev x_i = 2n·x_{i−1} − x_{i−2};
 * Legendre x_i = ((2i−3)n·x_{i−1} − (i−2)x_{i−2})/(i−1).
 */
function polynomial(kind: 'chebyshev' | 'legendre', c: number[], n: number): number {
  let sum = c[0];
  if (c.length > 1) sum += c[1] * n;
  let a = 1;
  let b = n;
  for (let i = 3; i <= c.length; i++) {
    const x = kind === 'chebyshev' ? 2 * n * b - a : ((2 * i - 3) * n * b - (i - 2) * a) / (i - 1);
    sum += c[i - 1] * x;
    a = b;
    b = x;
  }
  return sum;
}

function evaluate(term: Term, p: number): number {
  switch (term.kind) {
    case 'chebyshev':
    case 'legendre':
      return polynomial(term.kind, term.c, (p - term.middle) / term.halfRange);
    case 'spline3':
    case 'spline1': {
      const s = (p - term.pmin) * term.scale;
      const j = Math.max(0, Math.min(Math.trunc(s), term.pieces - 1));
      const b = s - j;
      const a = 1 - b;
      const c = term.c;
      if (term.kind === 'spline1') return a * c[j] + b * c[j + 1];
      const ab = 1 + a * b;
      return c[j] * a * a * a + c[j + 1] * (1 + 3 * a * ab) + c[j + 2] * (1 + 3 * b * ab) + c[j + 3] * b * b * b;
    }
    case 'pixel': {
      const k = Math.max(1, Math.min(Math.trunc(p), term.values.length - 1));
      const x = p - k;
      return (1 - x) * term.values[k - 1] + x * term.values[k];
    }
  }
}

/** The wavelength (in the WAT's units) of each physical pixel in `physical`; refuses an uncalibrated aperture. */
export function multispecWavelengths(aperture: MultispecAperture, physical: Float64Array): Float64Array {
  const { ap, dtype, w1, dw, nw, z } = aperture;
  if (dtype === -1)
    throw new FitsFormatError(`aperture ${ap} has no dispersion solution (dtype -1): calibrate it in wavelength first`);
  if (dtype !== 0 && dtype !== 1 && dtype !== 2)
    throw new FitsFormatError(`aperture ${ap} has dispersion type ${dtype}; IRAF defines -1, 0, 1 and 2`);
  if (!(1 + z > 0)) throw new FitsFormatError(`aperture ${ap} has a Doppler factor z = ${z}, so 1 + z is not positive`);
  const terms = dtype === 2 ? parseTerms(aperture) : [];
  const weights = terms.reduce((s, t) => s + t.weight, 0);
  const out = new Float64Array(physical.length);
  for (let i = 0; i < physical.length; i++) {
    const p = Math.max(0.5, Math.min(nw + 0.5, physical[i]));
    let w: number;
    if (dtype === 2) {
      w = 0;
      for (const term of terms) w += term.weight * (term.offset + evaluate(term, p));
      w /= weights;
    } else {
      w = w1 + dw * (p - 1);
      if (dtype === 1) w = 10 ** w;
    }
    out[i] = w / (1 + z);
  }
  return out;
}
