import { describe, it, expect } from 'vitest';
import { symmetricEigen } from '../../../../electron/core/discovery/umap/symmetric-eigen.js';
import { lanczosLargest } from '../../../../electron/core/discovery/umap/lanczos.js';
import { initialLayout } from '../../../../electron/core/discovery/umap/spectral-layout.js';
import type { FuzzyGraph } from '../../../../electron/core/discovery/umap/fuzzy-simplicial-set.js';

/** A ring of n points, each joined to its two neighbours with weight 1. */
function ring(n: number, offset = 0, total = n): { rows: number[][] } {
  const rows: number[][] = Array.from({ length: total }, () => []);
  for (let i = 0; i < n; i++) {
    rows[offset + i].push(offset + ((i + 1) % n), offset + ((i + n - 1) % n));
  }
  return { rows };
}

function toGraph(rows: number[][]): FuzzyGraph {
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i] + row.length));
  return {
    count: rows.length,
    rowStart,
    columns: Int32Array.from(rows.flat()),
    weights: new Float32Array(rowStart[rows.length]).fill(1),
  };
}

describe('symmetricEigen', () => {
  it('decomposes a known matrix', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, -1)/√2.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0] * vectors[1]).toBeGreaterThan(0);
    expect(vectors[2] * vectors[3]).toBeLessThan(0);
  });

  it('satisfies A·v = λ·v on a random symmetric matrix', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 7 + j * 3);
    const { values, vectors } = symmetricEigen(a, n);
    for (let r = 0; r < n; r++) {
      if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1]);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[r * n + j];
        expect(av).toBeCloseTo(values[r] * vectors[r * n + i], 9);
      }
    }
  });
});

describe('lanczosLargest', () => {
  it('finds the leading eigenpairs of a ring, skipping a deflated one', async () => {
    // The ring's adjacency / 2 has eigenvalues cos(2πj/n); j = 0 is the constant vector.
    const n = 120;
    const multiply = (x: Float64Array, y: Float64Array): void => {
      for (let i = 0; i < n; i++) y[i] = (x[(i + 1) % n] + x[(i + n - 1) % n]) / 2;
    };
    const constant = new Float64Array(n).fill(1 / Math.sqrt(n));
    const start = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.37) + 0.1 * Math.sin(i * 1.7));
    const result = await lanczosLargest(multiply, n, {
      wanted: 2,
      basisSize: 30,
      tolerance: 1e-7,
      maxCycles: 500,
      deflate: [constant],
      start,
    });
    const expected = Math.cos((2 * Math.PI) / n);
    expect(result.residuals[0]).toBeLessThan(1e-7);
    expect(result.residuals[1]).toBeLessThan(1e-7);
    expect(result.values[0]).toBeCloseTo(expected, 9);
    expect(result.values[1]).toBeCloseTo(expected, 9); // the cos and sin modes share it
    for (const vector of result.vectors) {
      const y = new Float64Array(n);
      multiply(vector, y);
      for (let i = 0; i < n; i += 7) expect(y[i]).toBeCloseTo(expected * vector[i], 6);
      let alongConstant = 0;
      for (let i = 0; i < n; i++) alongConstant += vector[i] * constant[i];
      expect(Math.abs(alongConstant)).toBeLessThan(1e-9);
    }
  });
});

describe('initialLayout', () => {
  it('places a ring on a circle-like closed curve inside [0, 10]²', async () => {
    const n = 200;
    const layout = await initialLayout(toGraph(ring(n).rows), { seed: 1 });
    let min = Infinity;
    let max = -Infinity;
    for (const v of layout) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeCloseTo(0, 5);
    expect(max).toBeCloseTo(10, 5);
    // The two slowest ring modes are cos and sin of the angle: neighbours stay close, the
    // points stay away from the centre, and going round the ring goes once round the centre.
    let winding = 0;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      expect(Math.hypot(layout[i * 2] - layout[j * 2], layout[i * 2 + 1] - layout[j * 2 + 1])).toBeLessThan(0.5);
      expect(Math.hypot(layout[i * 2] - 5, layout[i * 2 + 1] - 5)).toBeGreaterThan(1.5);
      let turn =
        Math.atan2(layout[j * 2 + 1] - 5, layout[j * 2] - 5) - Math.atan2(layout[i * 2 + 1] - 5, layout[i * 2] - 5);
      if (turn > Math.PI) turn -= 2 * Math.PI;
      if (turn < -Math.PI) turn += 2 * Math.PI;
      winding += turn;
    }
    expect(Math.abs(winding / (2 * Math.PI))).toBeCloseTo(1, 6);
  });

  it('keeps disconnected components apart', async () => {
    const rows = ring(100, 0, 200).rows;
    ring(100, 100, 200).rows.forEach((row, i) => rows[i].push(...row));
    const layout = await initialLayout(toGraph(rows), { seed: 1 });
    const centre = (from: number): [number, number] => {
      let x = 0;
      let y = 0;
      for (let i = from; i < from + 100; i++) {
        x += layout[i * 2] / 100;
        y += layout[i * 2 + 1] / 100;
      }
      return [x, y];
    };
    const [ax, ay] = centre(0);
    const [bx, by] = centre(100);
    expect(Math.hypot(ax - bx, ay - by)).toBeGreaterThan(4);
  });

  it('is the same for the same seed', async () => {
    const graph = toGraph(ring(150).rows);
    expect(await initialLayout(graph, { seed: 3 })).toEqual(await initialLayout(graph, { seed: 3 }));
  });
});
