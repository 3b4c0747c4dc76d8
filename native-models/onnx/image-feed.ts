// Turns a batch of stored model inputs (HWC float32, already asinh-stretched per band) into
// the tensor an ONNX model is fed: bilinear resize to the model's side, the model's layout
// (NCHW or NHWC) and the normalisation asked for. Resizing uses half-pixel centres and clamps
// at the edges (tf.image.resize bilinear, PyTorch align_corners=False without antialias); a
// side equal to the stored one copies pixels unchanged. A NaN (masked) pixel is fed as the
// stretched background level (0 before normalisation), so that one bad pixel cannot poison
// a whole embedding.
import type { InputPlan } from './onnx-input-plan.js';

/**
 * - `asinh`: the stored values as they are (asinh((x − median)/σ) per band).
 * - `meanstd`: (v − mean[c]) / std[c] per channel, applied to those stored values; `mean`
 *   and `std` hold one value per band, or one for all.
 */
export type Normalisation = { method: 'asinh' } | { method: 'meanstd'; mean: number[]; std: number[] };

/** Checks a normalisation against the band count; returns per-channel scale and offset (v·scale + offset). */
export function channelAffine(norm: Normalisation, bands: number): { scale: Float32Array; offset: Float32Array } {
  const scale = new Float32Array(bands).fill(1);
  const offset = new Float32Array(bands);
  if (norm.method === 'asinh') return { scale, offset };
  for (const [what, values] of [
    ['mean', norm.mean],
    ['std', norm.std],
  ] as const) {
    if (values.length !== 1 && values.length !== bands)
      throw new Error(`--${what} has ${values.length} values; give 1 or ${bands} (one per band)`);
  }
  for (let c = 0; c < bands; c++) {
    const mean = norm.mean.length === 1 ? norm.mean[0] : norm.mean[c];
    const std = norm.std.length === 1 ? norm.std[0] : norm.std[c];
    if (!(std > 0) || !Number.isFinite(std)) throw new Error(`--std values must be positive, got ${std}`);
    if (!Number.isFinite(mean)) throw new Error(`--mean values must be finite, got ${mean}`);
    scale[c] = 1 / std;
    offset[c] = -mean / std;
  }
  return { scale, offset };
}

/** The values with NaN replaced by 0, the stretched background (a copy only when there is one). */
function withoutNaN(values: Float32Array): Float32Array {
  let i = 0;
  while (i < values.length && !Number.isNaN(values[i])) i++;
  if (i === values.length) return values;
  const out = values.slice();
  for (; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = 0;
  return out;
}

interface Axis {
  lo: Int32Array;
  hi: Int32Array;
  frac: Float32Array;
}

/** Source positions and weights of each output position along one axis. */
export function bilinearAxis(inSize: number, outSize: number): Axis {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  const ratio = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const s = Math.min(Math.max((o + 0.5) * ratio - 0.5, 0), inSize - 1);
    lo[o] = Math.floor(s);
    hi[o] = Math.min(lo[o] + 1, inSize - 1);
    frac[o] = s - lo[o];
  }
  return { lo, hi, frac };
}

/** Packs stored images for one model: reuse one instance for every batch. */
export class ImageFeed {
  private readonly axis: Axis;
  private readonly scale: Float32Array;
  private readonly offset: Float32Array;

  constructor(
    readonly plan: InputPlan,
    /** Side of the stored images. */
    readonly storedSize: number,
    readonly normalisation: Normalisation,
  ) {
    this.axis = bilinearAxis(storedSize, plan.size);
    ({ scale: this.scale, offset: this.offset } = channelAffine(normalisation, plan.channels));
  }

  /** Values in one fed image. */
  get imageLength(): number {
    return this.plan.size * this.plan.size * this.plan.channels;
  }

  /**
   * `count` HWC images of the stored side, resized and laid out for the model, into `out`
   * (length ≥ count · imageLength; entries past count are left as they are).
   */
  pack(hwc: Float32Array, count: number, out: Float32Array = new Float32Array(count * this.imageLength)): Float32Array {
    const { size, channels: bands, layout } = this.plan;
    hwc = withoutNaN(hwc.subarray(0, count * this.storedSize * this.storedSize * bands));
    const stored = this.storedSize;
    const { lo, hi, frac } = this.axis;
    const plane = size * size;
    const inImage = stored * stored * bands;
    if (size === stored) return this.copy(hwc, count, out);
    for (let n = 0; n < count; n++) {
      const src = n * inImage;
      const dst = n * this.imageLength;
      for (let y = 0; y < size; y++) {
        const r0 = src + lo[y] * stored * bands;
        const r1 = src + hi[y] * stored * bands;
        const fy = frac[y];
        for (let x = 0; x < size; x++) {
          const c0 = lo[x] * bands;
          const c1 = hi[x] * bands;
          const fx = frac[x];
          for (let c = 0; c < bands; c++) {
            const top = hwc[r0 + c0 + c] * (1 - fx) + hwc[r0 + c1 + c] * fx;
            const bottom = hwc[r1 + c0 + c] * (1 - fx) + hwc[r1 + c1 + c] * fx;
            const v = (top * (1 - fy) + bottom * fy) * this.scale[c] + this.offset[c];
            out[layout === 'nchw' ? dst + c * plane + y * size + x : dst + (y * size + x) * bands + c] = v;
          }
        }
      }
    }
    return out;
  }

  /** The same side: no interpolation, only the layout and the normalisation. */
  private copy(hwc: Float32Array, count: number, out: Float32Array): Float32Array {
    const { channels: bands, layout } = this.plan;
    const pixels = count * this.plan.size * this.plan.size;
    const { scale, offset } = this;
    if (layout === 'nhwc') {
      for (let p = 0, i = 0; p < pixels; p++)
        for (let c = 0; c < bands; c++, i++) out[i] = hwc[i] * scale[c] + offset[c];
      return out;
    }
    const plane = this.plan.size * this.plan.size;
    for (let n = 0; n < count; n++) {
      const base = n * plane * bands;
      for (let c = 0; c < bands; c++) {
        const s = scale[c],
          o = offset[c],
          dst = base + c * plane;
        for (let q = 0; q < plane; q++) out[dst + q] = hwc[base + q * bands + c] * s + o;
      }
    }
    return out;
  }
}
