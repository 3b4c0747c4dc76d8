// Newton-fitted logistic regression against answers worked out by hand: the symmetric
// two-point problem has b = 0 and λw = 2(1 − σ(w)), and every fit is a stationary point of
// the penalised objective.
import { describe, it, expect } from 'vitest';
import { fitLogisticRegression, sigmoid } from '../../../../electron/core/discovery/active/logistic-regression.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';

/** Root of λw = 2(1 − σ(w)) by bisection: the left side rises and the right side falls in w. */
function symmetricTwoPointWeight(l2: number): number {
  let lo = 0;
  let hi = 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (l2 * mid < 2 * (1 - sigmoid(mid))) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('fitLogisticRegression', () => {
  it('solves the symmetric two-point problem', () => {
    for (const l2 of [0.1, 1, 4]) {
      const model = fitLogisticRegression(Float64Array.from([-1, 1]), 1, [0, 1], [1, 1], { l2 });
      expect(model.intercept).toBeCloseTo(0, 9);
      expect(model.coefficients[0]).toBeCloseTo(symmetricTwoPointWeight(l2), 9);
    }
  });

  it('lands on a stationary point of the weighted, penalised loss', () => {
    const rng = new SeededRandom(4);
    const rows = 60;
    const dim = 3;
    const x = Float64Array.from({ length: rows * dim }, () => rng.nextGaussian());
    const y = Float64Array.from({ length: rows }, (_, i) =>
      x[i * dim] + 0.5 * x[i * dim + 1] + 0.8 * rng.nextGaussian() > 0 ? 1 : 0,
    );
    const w = Float64Array.from({ length: rows }, () => 0.5 + rng.nextFloat());
    const l2 = 0.3;
    const model = fitLogisticRegression(x, dim, y, w, { l2 });
    const gradient = new Float64Array(dim + 1);
    for (let i = 0; i < rows; i++) {
      let z = model.intercept;
      for (let d = 0; d < dim; d++) z += model.coefficients[d] * x[i * dim + d];
      const r = w[i] * (sigmoid(z) - y[i]);
      for (let d = 0; d < dim; d++) gradient[d] += r * x[i * dim + d];
      gradient[dim] += r;
    }
    for (let d = 0; d < dim; d++) gradient[d] += l2 * model.coefficients[d];
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-7);
    // The informative columns get the weights their roles imply.
    expect(model.coefficients[0]).toBeGreaterThan(model.coefficients[1]);
    expect(model.coefficients[1]).toBeGreaterThan(Math.abs(model.coefficients[2]));
  });

  it('stays finite on separable data and with one class only', () => {
    const separable = fitLogisticRegression(Float64Array.from([-2, -1, 1, 2]), 1, [0, 0, 1, 1], [1, 1, 1, 1], {
      l2: 1e-6,
    });
    expect(Number.isFinite(separable.coefficients[0])).toBe(true);
    expect(separable.coefficients[0]).toBeGreaterThan(5);
    const oneClass = fitLogisticRegression(Float64Array.from([0, 1]), 1, [1, 1], [1, 1]);
    expect(Number.isFinite(oneClass.intercept)).toBe(true);
    expect(sigmoid(oneClass.intercept)).toBeGreaterThan(0.99);
  });
});
