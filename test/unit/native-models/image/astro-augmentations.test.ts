// The contrastive augmentations with known answers: a view is a function of (input, seed);
// pure geometry conserves flux and maps a rotated galaxy onto the same set of views; the
// noise estimate recovers a known σ; added noise, blur, scaling and reddening act as a
// survey would (the blue band dims most). The test galaxy sits off centre so that none of
// the eight dihedral views coincide.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import {
  AugmentationScratch,
  DEFAULT_AUGMENTATIONS,
  augmentView,
  bandNoiseLevels,
  type AugmentationSettings,
} from '../../../../native-models/image/astro-augmentations.js';
import { galaxyInput, rotate90 } from '../../discovery/embeddings/synthetic-galaxies.js';

const SIZE = 32;
const BANDS = 3;
const GEOMETRY_ONLY: AugmentationSettings = {
  maxShift: 0,
  maxZoom: 1,
  blurChance: 0,
  maxBlurSigma: 1,
  maxNoise: 0,
  maxFluxScale: 1,
  maxReddening: 0,
  stretchChance: 0,
  minSoftening: 2,
};

function galaxy(): Float32Array {
  return galaxyInput({
    size: SIZE,
    bands: BANDS,
    flux: 4000,
    radius: 4,
    sersic: 1,
    axisRatio: 0.5,
    angle: 0.3,
    noise: 0,
    bandRatios: [0.6, 1, 1.3],
    offsetX: 2,
    offsetY: 1,
    seed: 1,
  });
}

function view(src: Float32Array, seed: number, settings: AugmentationSettings = DEFAULT_AUGMENTATIONS): Float32Array {
  const dst = new Float32Array(src.length);
  augmentView(src, dst, new AugmentationScratch(SIZE, BANDS), new SeededRandom(seed), settings);
  return dst;
}

const flux = (values: Float32Array, band: number): number => {
  let sum = 0;
  for (let i = band; i < values.length; i += BANDS) sum += Math.sinh(values[i]);
  return sum;
};

describe('augmentView', () => {
  it('is a function of the input and the random stream', () => {
    const src = galaxy();
    expect(view(src, 7)).toEqual(view(src, 7));
    expect(view(src, 7)).not.toEqual(view(src, 8));
  });

  it('with geometry only (rotations and flips), conserves every pixel value and the flux', () => {
    const src = galaxy();
    const sorted = (a: Float32Array) => Array.from(a).sort((x, y) => x - y);
    for (const seed of [1, 2, 3, 4]) {
      const out = view(src, seed, GEOMETRY_ONLY);
      expect(sorted(out).map((v) => v.toFixed(4))).toEqual(sorted(src).map((v) => v.toFixed(4)));
      expect(flux(out, 1)).toBeCloseTo(flux(src, 1), 0);
    }
  });

  it('gives a galaxy and its 90° rotation the same set of dihedral views', () => {
    const src = galaxy();
    const rotated = rotate90(src, SIZE, BANDS);
    const views = (input: Float32Array) =>
      new Set(
        Array.from({ length: 40 }, (_, s) => Array.from(view(input, s, GEOMETRY_ONLY), (v) => v.toFixed(3)).join(',')),
      );
    const a = views(src);
    const b = views(rotated);
    expect(a.size).toBe(8);
    expect([...b].every((v) => a.has(v))).toBe(true);
  });

  it('can also write the same view before its photometric changes: the denoising target', () => {
    const src = galaxy();
    const dst = new Float32Array(src.length);
    const clean = new Float32Array(src.length);
    augmentView(src, dst, new AugmentationScratch(SIZE, BANDS), new SeededRandom(21), DEFAULT_AUGMENTATIONS, clean);
    const noPhotometry: AugmentationSettings = {
      ...DEFAULT_AUGMENTATIONS,
      blurChance: 0,
      maxNoise: 0,
      maxFluxScale: 1,
      maxReddening: 0,
      stretchChance: 0,
    };
    expect(clean).toEqual(view(src, 21, noPhotometry));
    expect(dst).not.toEqual(clean);
  });

  it('reddening dims the blue band more than the red one', () => {
    const src = galaxy();
    const redden: AugmentationSettings = { ...GEOMETRY_ONLY, maxReddening: 0.5 };
    const ratios = [0, 1, 2].map((b) => flux(view(src, 11, redden), b) / flux(src, b));
    expect(ratios[0]).toBeLessThan(ratios[1]);
    expect(ratios[1]).toBeLessThan(ratios[2]);
    expect(ratios[2]).toBeLessThanOrEqual(1);
  });

  it('blur spreads the light but keeps its total', () => {
    const src = galaxy();
    const blurred = view(src, 3, { ...GEOMETRY_ONLY, blurChance: 1, maxBlurSigma: 1.5 });
    const peak = (a: Float32Array) => Math.max(...Array.from(a));
    expect(peak(blurred)).toBeLessThan(peak(src));
    expect(flux(blurred, 1)).toBeCloseTo(flux(src, 1), -1);
  });
});

it('a display stretch compresses the bright core and leaves the faint outskirts', () => {
  const src = galaxy();
  const stretched = view(src, 5, { ...GEOMETRY_ONLY, stretchChance: 1, minSoftening: 2 });
  const peak = (a: Float32Array) => Math.max(...Array.from(a));
  expect(peak(stretched)).toBeLessThan(peak(src));
  const sorted = (a: Float32Array) => Array.from(a).sort((x, y) => x - y);
  // Geometry only moves pixels: compare the same quantile of faint light.
  expect(sorted(stretched)[Math.floor(src.length * 0.2)]).toBeCloseTo(sorted(src)[Math.floor(src.length * 0.2)], 1);
});

describe('bandNoiseLevels', () => {
  it('recovers the σ of white noise per band, in flux (sinh of the stretched input)', () => {
    const random = new SeededRandom(9);
    const values = new Float32Array(64 * 64 * 2);
    for (let i = 0; i < values.length; i++) values[i] = Math.asinh((i % 2 === 0 ? 1 : 3) * random.nextGaussian());
    const levels = bandNoiseLevels(values, 64, 2);
    expect(levels[0]).toBeCloseTo(1, 1);
    expect(levels[1]).toBeCloseTo(3, 0);
  });
});
