import { describe, expect, it } from 'vitest';
import { contrastFeatures, phraseOf } from '../../../../electron/core/discovery/explain/feature-contrast.js';

describe('contrastFeatures', () => {
  // Three neighbours: a = 1, 2, 3 (mean 2, sample sd 1); b = 10, 10, 16 (mean 12, sd √12); c = 5, 5, 5 (sd 0).
  const names = ['a', 'b', 'c'];
  const neighbours = [1, 10, 5, 2, 10, 5, 3, 16, 5];

  it('measures the object in σ of the neighbours (sample sd) and puts the largest |σ| first', () => {
    const contrasts = contrastFeatures(names, [0.5, 12 + 3 * Math.sqrt(12), 5], neighbours, 3);
    expect(contrasts.map((c) => c.name)).toEqual(['b', 'a', 'c']);
    const [b, a, c] = contrasts;
    expect(b).toMatchObject({ value: 12 + 3 * Math.sqrt(12), mean: 12 });
    expect(b.sd).toBeCloseTo(Math.sqrt(12), 12);
    expect(b.sigma).toBeCloseTo(3, 12);
    expect(a).toMatchObject({ mean: 2, sd: 1, sigma: -1.5 });
    expect(c).toMatchObject({ mean: 5, sd: 0, sigma: 0 });
    expect(b.phrase).toBe('b +3.0σ above its typical neighbours');
    expect(a.phrase).toBe('a −1.5σ below its typical neighbours');
    expect(c.phrase).toBe('c as its typical neighbours');
  });

  it('puts a difference from neighbours that all agree first, with no σ', () => {
    const contrasts = contrastFeatures(names, [10, 12, 6], neighbours, 3);
    expect(contrasts.map((c) => c.name)).toEqual(['c', 'a', 'b']);
    expect(contrasts[0]).toMatchObject({ sigma: null, sd: 0, phrase: 'c 6 where its typical neighbours all have 5' });
    expect(contrasts[1].sigma).toBe(8);
    expect(contrasts[2].sigma).toBe(0);
  });

  it('keeps the names order among equal |σ|', () => {
    const contrasts = contrastFeatures(['x', 'y'], [3, 1], [1, 3, 3, 1, 2, 2], 3);
    expect(contrasts.map((c) => [c.name, c.sigma])).toEqual([
      ['x', 1],
      ['y', -1],
    ]);
  });

  it('refuses mismatched lengths and fewer than two neighbours', () => {
    expect(() => contrastFeatures(names, [1, 2], neighbours, 3)).toThrow(/2 features, expected 3/);
    expect(() => contrastFeatures(names, [1, 2, 3], neighbours, 2)).toThrow(/expected 2×3/);
    expect(() => contrastFeatures(names, [1, 2, 3], [1, 2, 3], 1)).toThrow(/at least two/);
  });

  it('rounds the phrase to one decimal', () => {
    expect(phraseOf('gini', 0.7, 0.5, 4.06)).toBe('gini +4.1σ above its typical neighbours');
    expect(phraseOf('gini', 0.5, 0.5, 0.04)).toBe('gini as its typical neighbours');
  });
});
