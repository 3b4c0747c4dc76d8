// The a/b parameters of UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), fitted by
// least squares to the offset exponential that min_dist and spread describe, exactly as
// umap-learn's find_ab_params does with scipy's curve_fit (Levenberg–Marquardt from a=b=1
// on 300 points over [0, 3·spread]). Two parameters, so the normal equations are 2×2.

export interface CurveParameters {
  a: number;
  b: number;
}

const SAMPLE_COUNT = 300;
const MAX_ITERATIONS = 200;

/** Fits a and b for the given min_dist and spread (umap-learn defaults 0.1 and 1.0 give a≈1.577, b≈0.895). */
export function fitCurveParameters(minDist: number, spread: number): CurveParameters {
  if (!(spread > 0)) throw new RangeError(`spread must be positive, got ${spread}`);
  if (!(minDist >= 0) || minDist > spread) throw new RangeError(`min_dist must lie in [0, spread], got ${minDist}`);
  const xs = new Float64Array(SAMPLE_COUNT);
  const ys = new Float64Array(SAMPLE_COUNT);
  for (let i = 0; i < SAMPLE_COUNT; i++) {
    const x = (i * 3 * spread) / (SAMPLE_COUNT - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }

  let a = 1;
  let b = 1;
  let cost = sumOfSquares(xs, ys, a, b);
  let damping = 1e-3;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // Normal equations JᵀJ·δ = -Jᵀr of the residual r = f(x) - y.
    let jaa = 0,
      jab = 0,
      jbb = 0,
      ga = 0,
      gb = 0;
    for (let i = 0; i < SAMPLE_COUNT; i++) {
      const x = xs[i];
      if (x === 0) continue; // f(0) = 1 whatever a and b are: no gradient there.
      const power = Math.pow(x, 2 * b);
      const denominator = 1 + a * power;
      const residual = 1 / denominator - ys[i];
      const dA = -power / (denominator * denominator);
      const dB = dA * a * 2 * Math.log(x);
      jaa += dA * dA;
      jab += dA * dB;
      jbb += dB * dB;
      ga += dA * residual;
      gb += dB * residual;
    }
    // Marquardt's scaling: damp along the diagonal so badly scaled parameters still move.
    let improved = false;
    while (damping < 1e12) {
      const maa = jaa * (1 + damping);
      const mbb = jbb * (1 + damping);
      const det = maa * mbb - jab * jab;
      const stepA = (-ga * mbb + gb * jab) / det;
      const stepB = (-gb * maa + ga * jab) / det;
      const trialA = a + stepA;
      const trialB = b + stepB;
      const trialCost = sumOfSquares(xs, ys, trialA, trialB);
      if (Number.isFinite(trialCost) && trialCost <= cost) {
        const converged = cost - trialCost <= 1e-15 * Math.max(1, cost) && Math.abs(stepA) + Math.abs(stepB) < 1e-12;
        a = trialA;
        b = trialB;
        cost = trialCost;
        damping = Math.max(damping / 10, 1e-12);
        improved = !converged;
        break;
      }
      damping *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}

function sumOfSquares(xs: Float64Array, ys: Float64Array, a: number, b: number): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const residual = 1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i];
    total += residual * residual;
  }
  return total;
}
