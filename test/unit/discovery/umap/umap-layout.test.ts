import { describe, it, expect } from 'vitest';
import { computeUmapLayout } from '../../../../electron/core/discovery/umap/index.js';
import { sgdWorkerScript } from '../../../../electron/core/discovery/umap/sgd-runners.js';
import { exactKnnGraph } from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

/** `clusters` Gaussian blobs of unit spread in `dim` dimensions, centres about 12 apart. */
function blobs(count: number, dim: number, clusters: number, seed: number): { vectors: VectorSet; labels: Int32Array } {
  const random = new SeededRandom(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => random.nextGaussian() * 6);
  const data = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % clusters;
    labels[i] = c;
    for (let d = 0; d < dim; d++) data[i * dim + d] = centres[c * dim + d] + random.nextGaussian();
  }
  return { vectors: { data, count, dim }, labels };
}

/** Fraction of each point's k nearest layout neighbours that share its label. */
function layoutPurity(layout: Float32Array, labels: Int32Array, k: number): number {
  const n = labels.length;
  const graph = exactKnnGraph({ data: layout, count: n, dim: 2 }, k);
  let same = 0;
  for (let e = 0; e < n * k; e++) if (labels[graph.indices[e]] === labels[Math.floor(e / k)]) same++;
  return same / (n * k);
}

const small = blobs(1200, 16, 6, 1);
const smallGraph = exactKnnGraph(small.vectors, 14);
const tiny = blobs(400, 8, 4, 2);
const tinyGraph = exactKnnGraph(tiny.vectors, 14);

describe('computeUmapLayout', () => {
  it('separates well-separated clusters', async () => {
    const layout = await computeUmapLayout(smallGraph, { seed: 1, threads: 1 });
    expect(layout).toBeInstanceOf(Float32Array);
    expect(layout.length).toBe(1200 * 2);
    expect(layout.every(Number.isFinite)).toBe(true);
    expect(layoutPurity(layout, small.labels, 10)).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed with one thread, and the seed matters', async () => {
    const first = await computeUmapLayout(tinyGraph, { seed: 5, threads: 1, nEpochs: 100 });
    const second = await computeUmapLayout(tinyGraph, { seed: 5, threads: 1, nEpochs: 100 });
    const other = await computeUmapLayout(tinyGraph, { seed: 6, threads: 1, nEpochs: 100 });
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('reports monotone progress from 0 to 1 through every stage', async () => {
    const fractions: number[] = [];
    const stages = new Set<string>();
    await computeUmapLayout(tinyGraph, {
      threads: 1,
      nEpochs: 50,
      onProgress: (fraction, stage) => {
        fractions.push(fraction);
        stages.add(stage);
      },
    });
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect([...stages]).toEqual(['fuzzy graph', 'spectral initialisation', 'optimising layout', 'done']);
    // One report per epoch at least: the bar moves during the optimisation, not only at its end.
    expect(fractions.length).toBeGreaterThan(50);
  });

  it('rejects with an AbortError when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    let progressCalls = 0;
    const run = computeUmapLayout(tinyGraph, {
      signal: controller.signal,
      threads: 1,
      onProgress: () => progressCalls++,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progressCalls).toBe(0);
  });

  it('stops optimising and rejects with an AbortError when aborted part way', async () => {
    const controller = new AbortController();
    let last = 0;
    const run = computeUmapLayout(smallGraph, {
      signal: controller.signal,
      threads: 1,
      nEpochs: 2000,
      onProgress: (fraction) => {
        last = fraction;
        if (fraction > 0.2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBeGreaterThan(0.2);
    expect(last).toBeLessThan(0.5);
  });

  it('can be aborted during the spectral initialisation', async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const run = computeUmapLayout(smallGraph, {
      signal: controller.signal,
      threads: 1,
      onProgress: (_fraction, stage) => {
        stages.push(stage);
        if (stage === 'spectral initialisation') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(stages).not.toContain('optimising layout');
  });

  it('handles degenerate inputs', async () => {
    const single = await computeUmapLayout({
      count: 1,
      k: 1,
      indices: Int32Array.of(-1),
      distances: Float32Array.of(Infinity),
    });
    expect(single.length).toBe(2);
    expect(single.every(Number.isFinite)).toBe(true);
    // Two far-apart pairs: each point's only neighbour is its twin.
    const pairs = await computeUmapLayout(
      { count: 4, k: 1, indices: Int32Array.of(1, 0, 3, 2), distances: Float32Array.of(1, 1, 1, 1) },
      { seed: 1 },
    );
    expect(pairs.every(Number.isFinite)).toBe(true);
    await expect(computeUmapLayout(tinyGraph, { nEpochs: 0 })).rejects.toThrow(RangeError);
    await expect(computeUmapLayout(tinyGraph, { threads: 0 })).rejects.toThrow(RangeError);
  });
});

// The worker threads run the compiled script under dist/ (`npm test` builds it first).
describe.skipIf(sgdWorkerScript() === null)('computeUmapLayout with worker threads', () => {
  it('separates clusters with two threads', async () => {
    const layout = await computeUmapLayout(smallGraph, { seed: 1, threads: 2 });
    expect(layoutPurity(layout, small.labels, 10)).toBeGreaterThan(0.9);
  });

  it('stops the workers and rejects with an AbortError when aborted', async () => {
    const controller = new AbortController();
    const fractions: number[] = [];
    const run = computeUmapLayout(smallGraph, {
      signal: controller.signal,
      threads: 2,
      nEpochs: 5000,
      onProgress: (fraction) => {
        fractions.push(fraction);
        if (fraction > 0.15) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const reportsAtAbort = fractions.length;
    // Terminated workers report no more epochs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fractions.length).toBe(reportsAtAbort);
    expect(fractions[fractions.length - 1]).toBeLessThan(0.5);
  });
});
