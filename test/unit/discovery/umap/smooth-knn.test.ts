import { describe, it, expect } from 'vitest';
import {
  smoothKnnScales,
  smoothKnnTarget,
  SMOOTH_K_TOLERANCE,
} from '../../../../electron/core/discovery/umap/smooth-knn.js';
import type { KnnGraph } from '../../../../electron/core/discovery/vectors.js';

function graphOf(rows: number[][], indices?: number[][]): KnnGraph {
  const k = rows[0].length;
  return {
    count: rows.length,
    k,
    distances: Float32Array.from(rows.flat()),
    indices: Int32Array.from(
      indices ? indices.flat() : rows.flatMap((row, i) => row.map((_, j) => (i + j + 1) % rows.length)),
    ),
  };
}

function membershipSum(distances: number[], rho: number, sigma: number): number {
  return distances.reduce((sum, d) => sum + (d - rho > 0 ? Math.exp(-(d - rho) / sigma) : 1), 0);
}

describe('smoothKnnScales', () => {
  it('finds sigmas with sum exp(-(d - rho)/sigma) = log2(k + 1) and rho = nearest distance', () => {
    const rows = [
      [0.5, 0.9, 1.4, 2.0, 2.1],
      [1.0, 1.0, 1.5, 3.0, 8.0],
      [0.1, 0.2, 0.3, 0.4, 0.5],
      [2.0, 4.0, 6.0, 8.0, 10.0],
      [0.3, 0.31, 5.0, 5.1, 9.0],
      [1.2, 1.3, 1.4, 1.5, 1.6],
    ];
    const { sigmas, rhos } = smoothKnnScales(graphOf(rows));
    const target = Math.log2(6);
    expect(smoothKnnTarget(5)).toBeCloseTo(target, 12);
    rows.forEach((row, i) => {
      expect(rhos[i]).toBeCloseTo(row[0], 6);
      expect(Math.abs(membershipSum(row, rhos[i], sigmas[i]) - target)).toBeLessThan(10 * SMOOTH_K_TOLERANCE);
    });
  });

  it('skips zero distances (duplicates) when choosing rho', () => {
    const rows = [
      [0, 0, 0.7, 1.1, 1.9],
      [0, 0.4, 0.8, 1.2, 1.6],
      [0.2, 0.4, 0.8, 1.2, 1.6],
      [0.2, 0.4, 0.8, 1.2, 1.6],
      [0.2, 0.4, 0.8, 1.2, 1.6],
      [0.2, 0.4, 0.8, 1.2, 1.6],
    ];
    const { rhos } = smoothKnnScales(graphOf(rows));
    expect(rhos[0]).toBeCloseTo(0.7, 6);
    expect(rhos[1]).toBeCloseTo(0.4, 6);
  });

  it('ignores missing neighbours (index -1)', () => {
    const graph = graphOf(
      [
        [0.5, 1.0, Infinity],
        [0.5, 1.5, Infinity],
        [1.0, 1.5, Infinity],
      ],
      [
        [1, 2, -1],
        [0, 2, -1],
        [0, 1, -1],
      ],
    );
    const { sigmas, rhos } = smoothKnnScales(graph);
    for (let i = 0; i < 3; i++) {
      expect(Number.isFinite(sigmas[i])).toBe(true);
      // Two real neighbours: the nearest contributes 1, so the other alone cannot reach log2(4) = 2;
      // the bisection then grows sigma towards its cap rather than producing NaN.
      expect(sigmas[i]).toBeGreaterThan(0);
    }
    expect(Array.from(rhos)).toEqual([0.5, 0.5, 1.0]);
  });
});
