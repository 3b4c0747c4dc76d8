// Joining parts of one spectrum into one: a multi-arm spectrograph's arms (DESI's B, R and Z
// cameras, DEEP2's blue and red halves), HST's segments and échelle orders. Parts overlap in
// wavelength. All pixels are kept, sorted by wavelength, so the common-grid resampler
// (ingest/spectrum-grid.ts), which averages the pixels in each bin with ivar weights, sees both
// arms' data in the overlap. Pixels at the same wavelength (DESI puts every arm on one 0.8 Å
// grid, so overlaps coincide pixel for pixel) cannot both stay, since a spectrum's wavelengths
// must strictly increase: they are merged with inverse-variance weights, as DESI's own
// coadd_cameras does. The join plan depends on the wavelengths alone, so it is made once per
// file and applied to every fibre.
import { FitsFormatError } from '../fits/header.js';
import type { Spectrum1D } from './spectrum.js';

/** Pixels closer than this fraction of their wavelength are the same pixel (float rounding of one grid). */
const SAME_WAVELENGTH = 1e-6;

export interface ArmJoinPlan {
  /** The joined wavelengths, strictly increasing. */
  wavelength: Float64Array;
  /** Indices into the arms' concatenated pixels, in wavelength order. */
  order: Uint32Array;
  /** Joined pixel j merges order[groupStart[j]] … order[groupStart[j + 1] - 1]. */
  groupStart: Uint32Array;
  /** Pixels of all arms together (the length of the concatenated arrays joinArms expects). */
  inputPixels: number;
}

export interface JoinedPixels {
  flux: Float32Array;
  ivar: Float32Array;
  mask: Uint32Array;
}

/** Plans the join of arms with these wavelengths (each finite and positive, in any order). */
export function planArmJoin(arms: { name: string; wavelength: Float64Array }[]): ArmJoinPlan {
  const inputPixels = arms.reduce((n, a) => n + a.wavelength.length, 0);
  const all = new Float64Array(inputPixels);
  let at = 0;
  for (const arm of arms) {
    for (let i = 0; i < arm.wavelength.length; i++) {
      const w = arm.wavelength[i];
      if (!(w > 0 && w < Infinity))
        throw new FitsFormatError(`arm ${arm.name}'s wavelength ${i} is ${w}, not a positive number`);
    }
    all.set(arm.wavelength, at);
    at += arm.wavelength.length;
  }
  // Array.prototype.sort is stable, so pixels at one wavelength keep the arms' order (B first).
  const order = Uint32Array.from(Array.from({ length: inputPixels }, (_, i) => i).sort((a, b) => all[a] - all[b]));
  const starts: number[] = [];
  const waves: number[] = [];
  for (let k = 0; k < inputPixels; k++) {
    const w = all[order[k]];
    if (k === 0 || w - waves[waves.length - 1] > SAME_WAVELENGTH * w) {
      starts.push(k);
      waves.push(w);
    }
  }
  starts.push(inputPixels);
  return { wavelength: Float64Array.from(waves), order, groupStart: Uint32Array.from(starts), inputPixels };
}

function usable(flux: number, ivar: number, mask: number): boolean {
  return mask === 0 && ivar > 0 && ivar < Infinity && flux === flux && flux !== Infinity && flux !== -Infinity;
}

/**
 * One fibre's arms (concatenated in the plan's arm order) joined by `plan`. A merged pixel's
 * flux is the ivar-weighted mean of its usable pixels and its ivar their sum; when none is
 * usable it is the first arm's pixel with the union of the mask bits, still bad as it was.
 */
export function joinArms(plan: ArmJoinPlan, flux: Float32Array, ivar: Float32Array, mask: Uint32Array): JoinedPixels {
  if (flux.length !== plan.inputPixels || ivar.length !== plan.inputPixels || mask.length !== plan.inputPixels) {
    throw new FitsFormatError(`the arms hold ${flux.length} pixels, their wavelengths ${plan.inputPixels}`);
  }
  const n = plan.wavelength.length;
  const out: JoinedPixels = { flux: new Float32Array(n), ivar: new Float32Array(n), mask: new Uint32Array(n) };
  const { order, groupStart } = plan;
  for (let j = 0; j < n; j++) {
    const start = groupStart[j];
    const end = groupStart[j + 1];
    if (end - start === 1) {
      const k = order[start];
      out.flux[j] = flux[k];
      out.ivar[j] = ivar[k];
      out.mask[j] = mask[k];
      continue;
    }
    let weight = 0;
    let sum = 0;
    let bits = 0;
    for (let g = start; g < end; g++) {
      const k = order[g];
      bits |= mask[k];
      if (!usable(flux[k], ivar[k], mask[k])) continue;
      weight += ivar[k];
      sum += ivar[k] * flux[k];
    }
    if (weight > 0) {
      out.flux[j] = sum / weight;
      out.ivar[j] = weight;
    } else {
      out.flux[j] = flux[order[start]];
      out.ivar[j] = ivar[order[start]];
      out.mask[j] = bits >>> 0;
    }
  }
  return out;
}

export interface SpectrumPart {
  /** Blue/red half, segment or order, for messages. */
  name: string;
  wavelength: ArrayLike<number>;
  flux: ArrayLike<number>;
  ivar: ArrayLike<number>;
  mask: ArrayLike<number>;
  /** Pixels past this are padding (HST NELEM); default all. */
  pixels?: number;
}

/**
 * Parts of one spectrum joined in wavelength order (spectrum-join.ts: coincident pixels merged with ivar weights).
 * Pixels whose wavelength is not a positive number are padding (HST writes zeros past NELEM) and are left out.
 */
export function joinParts(parts: SpectrumPart[]): {
  wavelength: Float64Array;
  flux: Float32Array;
  ivar: Float32Array;
  mask: Uint32Array;
} {
  const kept = parts.map((part) => {
    const n = Math.min(part.pixels ?? part.wavelength.length, part.wavelength.length);
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = part.wavelength[i];
      if (w > 0 && w < Infinity) keep.push(i);
    }
    return { part, keep };
  });
  const total = kept.reduce((n, k) => n + k.keep.length, 0);
  if (total === 0) throw new FitsFormatError(`no pixel of ${parts.map((p) => p.name).join(', ')} has a wavelength`);
  const plan = planArmJoin(
    kept.map(({ part, keep }) => ({ name: part.name, wavelength: Float64Array.from(keep, (i) => part.wavelength[i]) })),
  );
  const flux = new Float32Array(total);
  const ivar = new Float32Array(total);
  const mask = new Uint32Array(total);
  let at = 0;
  for (const { part, keep } of kept) {
    for (const i of keep) {
      flux[at] = part.flux[i];
      ivar[at] = part.ivar[i];
      mask[at] = part.mask[i] >>> 0;
      at++;
    }
  }
  return { wavelength: plan.wavelength, ...joinArms(plan, flux, ivar, mask) };
}

/** An échelle order (or any part) as read: its ivar is null when the file gives no errors. */
export interface OrderPixels {
  name: string;
  wavelength: Float64Array;
  flux: Float32Array;
  ivar: Float32Array | null;
}

/** Échelle orders joined into one spectrum's columns; ivar is null when no order had errors (pixels weigh equally). */
export function joinOrders(orders: OrderPixels[]): Pick<Spectrum1D, 'wavelength' | 'flux' | 'ivar' | 'mask'> {
  const joined = joinParts(
    orders.map((o) => ({
      name: o.name,
      wavelength: o.wavelength,
      flux: o.flux,
      ivar: o.ivar ?? new Float32Array(o.flux.length).fill(1),
      mask: new Uint32Array(o.flux.length),
    })),
  );
  return { ...joined, ivar: orders.some((o) => o.ivar) ? joined.ivar : null };
}
