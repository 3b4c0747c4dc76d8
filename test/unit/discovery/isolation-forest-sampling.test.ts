// The seeded generator behind the forest's row samples, features and thresholds: repeatable,
// in range, unbiased enough, and drawing rows without replacement.
import { describe, it, expect } from 'vitest';
import { SeededRandom } from '../../../electron/core/discovery/seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = new SeededRandom(123);
    const b = new SeededRandom(123);
    const c = new SeededRandom(124);
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('draws floats in [0, 1) with mean near 1/2', () => {
    const rng = new SeededRandom(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.nextFloat();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    // Standard error of the mean is 0.002; 0.01 is five of them.
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('draws every integer below the bound about equally often', () => {
    const rng = new SeededRandom(5);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.nextInt(6)]++;
    for (const n of counts) expect(Math.abs(n - 10000)).toBeLessThan(500);
    expect(() => rng.nextInt(0)).toThrow(RangeError);
  });

  it('draws standard normal deviates', () => {
    const rng = new SeededRandom(11);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 20000; i++) {
      const z = rng.nextGaussian();
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / 20000)).toBeLessThan(0.04);
    expect(Math.abs(squares / 20000 - 1)).toBeLessThan(0.05);
  });

  it('samples distinct rows without replacement, sparse or dense', () => {
    const rng = new SeededRandom(3);
    for (const [population, size] of [
      [100000, 256],
      [300, 256],
      [10, 10],
    ]) {
      const sample = rng.sampleWithoutReplacement(population, size);
      expect(sample.length).toBe(size);
      expect(new Set(sample).size).toBe(size);
      for (const v of sample) expect(v >= 0 && v < population).toBe(true);
    }
    expect(() => rng.sampleWithoutReplacement(3, 4)).toThrow(RangeError);
  });

  it('gives every row the same chance of being sampled', () => {
    const rng = new SeededRandom(17);
    const hits = new Array(50).fill(0);
    for (let round = 0; round < 4000; round++) for (const v of rng.sampleWithoutReplacement(50, 5)) hits[v]++;
    // Expected 400 per row, sd about 19.
    for (const n of hits) expect(Math.abs(n - 400)).toBeLessThan(100);
  });
});
