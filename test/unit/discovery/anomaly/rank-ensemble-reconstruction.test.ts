// Reconstruction error per row, and how it joins the rank ensemble when only some rows
// have a reconstruction.
import { describe, it, expect } from 'vitest';
import { reconstructionError } from '../../../../electron/core/discovery/anomaly/reconstruction.js';
import { ensembleByRank } from '../../../../electron/core/discovery/anomaly/rank-ensemble.js';

describe('reconstructionError', () => {
  it('is the mean squared difference per row', () => {
    const inputs = Float32Array.of(1, 2, 3, 0, 0, 0);
    const rebuilt = Float32Array.of(1, 2, 1, 1, -1, 2);
    // Row 0: (0 + 0 + 4) / 3; row 1: (1 + 1 + 4) / 3.
    expect(Array.from(reconstructionError(inputs, rebuilt, 3))).toEqual([4 / 3, 2]);
  });

  it('marks rows with NaN as unscored', () => {
    const out = reconstructionError(Float32Array.of(1, NaN, 2, 2), Float32Array.of(1, 1, 2, 3), 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(0.5);
  });

  it('rejects mismatched shapes', () => {
    expect(() => reconstructionError(new Float32Array(4), new Float32Array(6), 2)).toThrow(/reconstructions/);
    expect(() => reconstructionError(new Float32Array(5), new Float32Array(5), 2)).toThrow(/rows of 2/);
    expect(() => reconstructionError(new Float32Array(4), new Float32Array(4), 0)).toThrow(/row length/);
  });

  it('enters the ensemble only for the rows it scored', () => {
    const forest = [0.3, 0.6, 0.9];
    const recon = Float64Array.of(NaN, 5, 1);
    // Row 0: forest rank 0 alone; row 1: (0.5 + 1) / 2; row 2: (1 + 0) / 2.
    expect(Array.from(ensembleByRank([forest, recon]))).toEqual([0, 0.75, 0.5]);
  });
});
