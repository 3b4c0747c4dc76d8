// Joining a multi-arm spectrograph's arms (DESI's B, R and Z cameras) into one spectrum.
// The arms overlap in wavelength. All pixels are kept, sorted by wavelength, so the
// common-grid resampler (ingest/spectrum-grid.ts), which averages the pixels in each bin with
// ivar weights, sees both arms' data in the overlap. Pixels at the same wavelength (DESI puts
// every arm on one 0.8 Å grid, so overlaps coincide pixel for pixel) cannot both stay, since a
// spectrum's wavelengths must strictly increase: they are merged with inverse-variance
// weights, as DESI's own coadd_cameras does. The join plan depends on the wavelengths alone,
// so it is made once per file and applied to every fibre.
import { FitsFormatError } from '../fits/header.js';

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
