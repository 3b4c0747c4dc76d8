// Model inputs hold asinh((x − sky) / σ) per band, so sinh of a stored value is the linear
// flux in units of that band's sky noise, centred on the sky. Morphology is measured on linear
// flux. Stored inputs are float16, so the flux of every possible half is one 65,536-entry
// table lookup, far cheaper than 12,288 calls to Math.sinh per cutout. The decoders also sum
// the bands into the detection image in the same pass, and zero what is not a number.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';

let fluxOfHalfTable: Float32Array | null = null;

/** sinh of every half-precision value, indexed by its bits; NaN for NaN and ±Infinity. */
function fluxOfHalf(): Float32Array {
  if (!fluxOfHalfTable) {
    const bits = new Uint16Array(65536);
    for (let h = 0; h < 65536; h++) bits[h] = h;
    const values = fromFloat16Bits(bits);
    const table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
      const flux = Math.sinh(values[h]);
      // sinh overflows float32 above ~89; such a pixel is as unusable as a NaN.
      table[h] = Number.isFinite(flux) && Math.abs(flux) < 3e38 ? flux : NaN;
    }
    fluxOfHalfTable = table;
  }
  return fluxOfHalfTable;
}

/** Linear flux of decoded (float32) model-input values; non-finite results are NaN. */
export function linearFluxFromInput(
  input: Float32Array,
  out: Float32Array = new Float32Array(input.length),
): Float32Array {
  for (let i = 0; i < input.length; i++) {
    const flux = Math.sinh(input[i]);
    out[i] = Number.isFinite(flux) && Math.abs(flux) < 3e38 ? flux : NaN;
  }
  return out;
}

/**
 * Decodes one stored model input (pixels × bands float16 bits from `offset` in `half`) into
 * `flux` (unusable values set to 0) and its band sum into `detection`. Returns the number of
 * unusable values.
 */
export function fluxAndBandSumFromHalf(
  half: Uint16Array,
  offset: number,
  pixels: number,
  bands: number,
  flux: Float32Array,
  detection: Float32Array,
): number {
  const table = fluxOfHalf();
  let bad = 0;
  for (let p = 0, i = 0; p < pixels; p++) {
    let sum = 0;
    for (let b = 0; b < bands; b++, i++) {
      const v = table[half[offset + i]];
      // NaN is the one value unequal to itself.
      if (v === v) {
        flux[i] = v;
        sum += v;
      } else {
        flux[i] = 0;
        bad++;
      }
    }
    detection[p] = sum;
  }
  return bad;
}

/** As fluxAndBandSumFromHalf, from decoded (float32) model-input values. */
export function fluxAndBandSumFromInput(
  input: Float32Array,
  pixels: number,
  bands: number,
  flux: Float32Array,
  detection: Float32Array,
): number {
  linearFluxFromInput(input.subarray(0, pixels * bands), flux);
  let bad = 0;
  for (let p = 0, i = 0; p < pixels; p++) {
    let sum = 0;
    for (let b = 0; b < bands; b++, i++) {
      const v = flux[i];
      if (v === v) sum += v;
      else {
        flux[i] = 0;
        bad++;
      }
    }
    detection[p] = sum;
  }
  return bad;
}
