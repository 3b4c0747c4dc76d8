import { describe, it, expect } from 'vitest';
import { mixSeed, Random } from '../../../electron/core/demo/prng.js';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const rng = new Random(7);
    let sum = 0;
    let low = 1;
    let high = 0;
    for (let i = 0; i < 20000; i++) {
      const u = rng.next();
      low = Math.min(low, u);
      high = Math.max(high, u);
      sum += u;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    expect(sum / 20000).toBeCloseTo(0.5, 2);
  });

  it('fills standard normals with mean 0 and variance 1', () => {
    const rng = new Random(11);
    const values = new Float32Array(40001); // odd length covers the unpaired last value
    rng.fillNormal(values);
    let sum = 0;
    let sumSq = 0;
    for (const v of values) {
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(sumSq / values.length - mean * mean).toBeCloseTo(1, 1);
    expect(values[values.length - 1]).not.toBe(0);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = new Random(3);
    let sum = 0;
    for (let i = 0; i < 5000; i++) sum += rng.poisson(2.5);
    expect(sum / 5000).toBeCloseTo(2.5, 1);
  });

  it('picks weighted keys in proportion to their weights', () => {
    const rng = new Random(5);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10000; i++) counts[rng.weighted({ a: 0.8, b: 0.2 })]++;
    expect(counts.a / 10000).toBeCloseTo(0.8, 1);
  });
});

describe('mixSeed', () => {
  it('is a pure function of its words and separates neighbouring indices', () => {
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3));
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => mixSeed(1, 99, i)));
    expect(seeds.size).toBe(1000);
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });
});
