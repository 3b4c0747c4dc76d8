// The discover queue on a cloud with two small clusters of moderately anomalous points
// either side of it: with no labels it is the prior ranking; an artefact label sinks the
// rest of its cluster below the other cluster, an interesting label lifts the rest of its
// cluster to the head of the queue; a cache changes nothing but the time taken.
import { describe, it, expect } from 'vitest';
import {
  DiscoverCache,
  discoverRanking,
  type DiscoverInput,
} from '../../../../electron/core/discovery/active/discover-ranking.js';
import { descendingOrder } from '../../../../electron/core/discovery/active/ranking-order.js';
import { IsolationForest } from '../../../../electron/core/discovery/anomaly/isolation-forest.js';
import { exactKnnGraph } from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

const DIM = 4;
const CLOUD = 600;
const CLUSTER = 12;
const A_START = CLOUD;
const B_START = CLOUD + CLUSTER;

/** Rows [0, 600): N(0, I); [600, 612): cluster A near +4.5 on axis 0; [612, 624): cluster B near −4.5. */
function cloudWithTwoClusters(): VectorSet {
  const rng = new SeededRandom(3);
  const count = CLOUD + 2 * CLUSTER;
  const data = new Float32Array(count * DIM);
  for (let i = 0; i < count; i++) {
    const centre = i < A_START ? 0 : i < B_START ? 4.5 : -4.5;
    const spread = i < A_START ? 1 : 0.3;
    for (let d = 0; d < DIM; d++) data[i * DIM + d] = (d === 0 ? centre : 0) + spread * rng.nextGaussian();
  }
  return { data, count, dim: DIM };
}

const clusterA = Array.from({ length: CLUSTER }, (_, i) => A_START + i);
const clusterB = Array.from({ length: CLUSTER }, (_, i) => B_START + i);

function setting(): Omit<DiscoverInput, 'labelled'> {
  const vectors = cloudWithTwoClusters();
  const forest = IsolationForest.fit(vectors, { seed: 5 });
  return { vectors, anomalyScores: forest.score(vectors), forest, graph: exactKnnGraph(vectors, 15) };
}

function positions(order: Int32Array): Map<number, number> {
  return new Map(Array.from(order, (row, at) => [row, at]));
}

describe('discoverRanking', () => {
  const base = setting();

  it('is the prior ranking while nothing is labelled', () => {
    const prior = descendingOrder(base.anomalyScores);
    // Both clusters are moderately anomalous: all in the first sixth of the prior ranking, mixed together.
    const at = positions(prior);
    for (const row of [...clusterA, ...clusterB]) expect(at.get(row)!).toBeLessThan(100);
    expect(Math.min(...clusterA.map((r) => at.get(r)!))).toBeLessThan(Math.max(...clusterB.map((r) => at.get(r)!)));
    expect(Math.min(...clusterB.map((r) => at.get(r)!))).toBeLessThan(Math.max(...clusterA.map((r) => at.get(r)!)));
    for (const input of [base, { ...base, forest: null, graph: null }]) {
      expect(Array.from(discoverRanking({ ...input, labelled: [] }).order)).toEqual(Array.from(prior));
    }
  });

  it('sinks the rest of a cluster when one of its members is labelled an artefact', () => {
    for (const input of [base, { ...base, forest: null }]) {
      const { order } = discoverRanking({ ...input, labelled: [{ row: clusterA[0], target: 0 }] });
      const at = positions(order);
      const worstB = Math.max(...clusterB.map((r) => at.get(r)!));
      for (const row of clusterA.slice(1)) expect(at.get(row)!).toBeGreaterThan(worstB);
    }
  });

  it('lifts the rest of a cluster to the head of the queue when one member is interesting', () => {
    for (const input of [base, { ...base, forest: null }]) {
      const { order } = discoverRanking({ ...input, labelled: [{ row: clusterB[0], target: 1 }] });
      expect(Array.from(order.subarray(0, CLUSTER - 1)).sort((a, b) => a - b)).toEqual(clusterB.slice(1));
    }
  });

  it('moves a labelled row’s cluster the same way through the forest’s leaves alone', () => {
    const leavesOnly = { ...base, options: { relevanceWeight: 0 } };
    const prior = positions(descendingOrder(base.anomalyScores));
    const sunk = positions(discoverRanking({ ...leavesOnly, labelled: [{ row: clusterA[0], target: 0 }] }).order);
    for (const row of clusterA.slice(1)) expect(sunk.get(row)!).toBeGreaterThan(prior.get(row)!);
    const lifted = positions(discoverRanking({ ...leavesOnly, labelled: [{ row: clusterB[0], target: 1 }] }).order);
    for (const row of clusterB.slice(1)) expect(lifted.get(row)!).toBeLessThan(prior.get(row)!);
  });

  it('leaves labelled rows out and gives the same answer with or without a cache', () => {
    const cache = new DiscoverCache();
    const steps = [
      [{ row: clusterA[0], target: 0 }],
      [
        { row: clusterA[0], target: 0 },
        { row: clusterB[3], target: 1 },
      ],
      [
        { row: clusterB[3], target: 1 },
        { row: 7, target: 0.25 },
      ],
      [{ row: clusterB[3], target: 0 }],
    ];
    for (const labelled of steps) {
      const cached = discoverRanking({ ...base, labelled, cache });
      const fresh = discoverRanking({ ...base, labelled });
      expect(Array.from(cached.order)).toEqual(Array.from(fresh.order));
      for (let i = 0; i < fresh.score.length; i++) expect(cached.score[i]).toBeCloseTo(fresh.score[i], 10);
      expect(cached.order.length).toBe(base.vectors.count - labelled.length);
      for (const { row } of labelled) expect(Array.from(cached.order)).not.toContain(row);
    }
  });

  it('gives the head of the same order when only a page is asked for', () => {
    const labelled = [
      { row: clusterA[0], target: 0 },
      { row: clusterB[3], target: 1 },
    ];
    const full = discoverRanking({ ...base, labelled });
    for (const limit of [1, 20, 1000]) {
      const page = discoverRanking({ ...base, labelled, limit });
      expect(Array.from(page.order)).toEqual(Array.from(full.order.subarray(0, limit)));
      expect(Array.from(page.score)).toEqual(Array.from(full.score));
    }
  });

  it('reads only the newest labels into the relevance model, all of them into the leaf refit', () => {
    const older = { row: clusterA[0], target: 0 };
    const newer = { row: clusterB[3], target: 1 };
    const relevanceOnly = { ...base, forest: null };
    // Without the refit, keeping one label is the same model as having been given only that one.
    const capped = discoverRanking({ ...relevanceOnly, labelled: [older, newer], options: { relevanceLabels: 1 } });
    const newest = discoverRanking({ ...relevanceOnly, labelled: [newer] });
    expect(Array.from(capped.score)).toEqual(Array.from(newest.score));
    expect(Array.from(capped.order)).not.toContain(older.row);
    // With the refit, the older artefact label still sinks its cluster below where the newest label alone leaves it.
    const withLeaves = positions(
      discoverRanking({ ...base, labelled: [older, newer], options: { relevanceLabels: 1 } }).order,
    );
    const newestWithLeaves = positions(discoverRanking({ ...base, labelled: [newer] }).order);
    for (const row of clusterA.slice(1)) expect(withLeaves.get(row)!).toBeGreaterThan(newestWithLeaves.get(row)!);
    expect(() => discoverRanking({ ...base, labelled: [older], options: { relevanceLabels: 0 } })).toThrow(RangeError);
  });

  it('is deterministic', () => {
    const labelled = [
      { row: clusterA[2], target: 1 },
      { row: 10, target: 0 },
    ];
    const a = discoverRanking({ ...setting(), labelled });
    const b = discoverRanking({ ...setting(), labelled });
    expect(Array.from(a.order)).toEqual(Array.from(b.order));
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
  });

  it('rejects labels it cannot use', () => {
    expect(() => discoverRanking({ ...base, labelled: [{ row: -1, target: 1 }] })).toThrow(RangeError);
    expect(() => discoverRanking({ ...base, labelled: [{ row: 1, target: 2 }] })).toThrow(RangeError);
    expect(() =>
      discoverRanking({
        ...base,
        labelled: [
          { row: 1, target: 1 },
          { row: 1, target: 0 },
        ],
      }),
    ).toThrow(/twice/);
    expect(() => discoverRanking({ ...base, anomalyScores: new Float64Array(3), labelled: [] })).toThrow(/scores/);
  });
});
