// The two gradient coefficients of the layout optimiser as lookup tables. Each needs
// d²^b for a fractional b, and Math.pow costs ~45 ns in V8 (exp∘log ~20 ns), which made it
// most of the optimisation time. Both coefficients are smooth in log d², so they are
// tabulated on bins that are equally spaced in log d² (128 per octave) and interpolated
// linearly in d² within a bin; the bin index is the float32 exponent and top mantissa bits
// of d², read through a shared Float32Array/Int32Array pair. Relative error is below 1e-4,
// far under the noise of stochastic descent. Outside the table the exact formula is used.

/** Bins per octave of d² is 2^MANTISSA_BITS. */
const MANTISSA_BITS = 7;
export const TABLE_SHIFT = 23 - MANTISSA_BITS;
/** Tabulated range of d²: [2^MIN_EXPONENT, 2^MAX_EXPONENT); layouts span a few tens of units. */
const MIN_EXPONENT = -20;
const MAX_EXPONENT = 16;
export const TABLE_MIN = Math.pow(2, MIN_EXPONENT);
export const TABLE_MAX = Math.pow(2, MAX_EXPONENT);
/** Bin index of d² is (float32 bits of d² >> TABLE_SHIFT) - TABLE_BASE. */
export const TABLE_BASE = ((MIN_EXPONENT + 127) << 23) >> TABLE_SHIFT;
const BINS = (MAX_EXPONENT - MIN_EXPONENT) << MANTISSA_BITS;

export interface GradientTables {
  /** Per bin, interleaved (intercept, slope): attractive coefficient ≈ intercept + slope·d². */
  attract: Float64Array;
  repel: Float64Array;
}

/** -2ab·d^(2(b-1)) / (1 + a·d^(2b)): the attractive gradient per unit offset, for d² > 0. */
export function attractCoefficient(distSquared: number, a: number, b: number): number {
  const powered = Math.pow(distSquared, b);
  return (-2 * a * b * powered) / (distSquared * (a * powered + 1));
}

/** 2γb / ((0.001 + d²)(1 + a·d^(2b))): the repulsive gradient per unit offset, for d² > 0. */
export function repelCoefficient(distSquared: number, a: number, b: number, gamma: number): number {
  return (2 * gamma * b) / ((0.001 + distSquared) * (a * Math.pow(distSquared, b) + 1));
}

export function buildGradientTables(a: number, b: number, gamma: number): GradientTables {
  const floatView = new Float32Array(1);
  const bitsView = new Int32Array(floatView.buffer);
  const binStart = (bin: number): number => {
    bitsView[0] = (TABLE_BASE + bin) << TABLE_SHIFT;
    return floatView[0];
  };
  // One bin more than the range needs: a d² just under TABLE_MAX can round up to it as float32.
  const attract = new Float64Array((BINS + 1) * 2);
  const repel = new Float64Array((BINS + 1) * 2);
  for (let bin = 0; bin <= BINS; bin++) {
    const x0 = binStart(bin);
    const x1 = binStart(bin + 1);
    fillBin(attract, bin, x0, x1, attractCoefficient(x0, a, b), attractCoefficient(x1, a, b));
    fillBin(repel, bin, x0, x1, repelCoefficient(x0, a, b, gamma), repelCoefficient(x1, a, b, gamma));
  }
  return { attract, repel };
}

function fillBin(table: Float64Array, bin: number, x0: number, x1: number, y0: number, y1: number): void {
  const slope = (y1 - y0) / (x1 - x0);
  table[bin * 2] = y0 - slope * x0;
  table[bin * 2 + 1] = slope;
}
