// What the inspector reads of `explain`'s answer. The scorers, features and neighbours are the
// contract's Explanation; the "where" part (maps, notes, a spectrum's reconstruction) is typed
// here as it mirrors the contract's shape, optional so an answer without it still reads.
import type { Explanation } from '../../../../electron/core/api/contract-explain.js';

/** Mirrors the contract's ExplainMap: one image over the model input grid, row 0 at the top. */
export interface ExplainMap {
  kind: 'saliency' | 'residual' | 'reconstruction' | 'input';
  /** The band name, or null for a map over all bands. */
  band: string | null;
  width: number;
  height: number;
  /** Row-major raw values, width × height. */
  values: number[];
  /** Where the map is largest, in model-input pixels. */
  peak: { x: number; y: number };
}

/** Mirrors the contract's spectrum part: the model's reconstruction and the ranges that drive the score. */
export interface ExplainSpectrum {
  wavelength: number[];
  flux: number[];
  reconstruction: number[];
  drivers: { from: number; to: number; share: number; line: string | null }[];
}

export type ExplainResult = Explanation & Partial<{ maps: ExplainMap[]; notes: string[]; spectrum: ExplainSpectrum }>;
