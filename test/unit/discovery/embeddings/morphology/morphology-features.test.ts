import { describe, it, expect } from 'vitest';
import {
  FEATURE_NAMES,
  featureCount,
  featureNames,
  morphologyFeatures,
  morphologyFeaturesOfHalfRows,
} from '../../../../../electron/core/discovery/embeddings/morphology/morphology-features.js';
import { fromFloat16Bits, toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';
import { galaxyFlux, galaxyInput, rotate90, toModelInput, type GalaxySpec } from '../synthetic-galaxies.js';

const SIZE = 64;
const BANDS = 3;
const NAMES = featureNames(BANDS);

function features(spec: GalaxySpec): Record<string, number> {
  return named(morphologyFeatures(galaxyInput(spec), SIZE, BANDS));
}

function named(values: Float32Array): Record<string, number> {
  return Object.fromEntries(NAMES.map((name, i) => [name, values[i]]));
}

const RINGS = ['inner', 'middle', 'outer'];

function flipHorizontally(input: Float32Array, size: number, bands: number): Float32Array {
  const out = new Float32Array(input.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let b = 0; b < bands; b++) out[(y * size + size - 1 - x) * bands + b] = input[(y * size + x) * bands + b];
    }
  }
  return out;
}
const BRIGHT = 20_000;

describe('featureNames', () => {
  it('lists the shape features, then a colour and a colour gradient per adjacent band pair', () => {
    expect(featureCount(3)).toBe(FEATURE_NAMES.length + 4);
    expect(featureNames(3).slice(FEATURE_NAMES.length)).toEqual([
      'colour_0_1',
      'colour_1_2',
      'colour_gradient_0_1',
      'colour_gradient_1_2',
    ]);
    expect(featureNames(1)).toEqual([...FEATURE_NAMES]);
    expect(new Set(featureNames(5)).size).toBe(featureCount(5));
  });
});

describe('morphologyFeatures', () => {
  it('finds a round Gaussian round, symmetric and without angular structure', () => {
    const f = features({ flux: BRIGHT, radius: 4, sersic: 0.5 });
    expect(f.empty).toBe(0);
    expect(f.ellipticity).toBeLessThan(0.03);
    expect(Math.abs(f.asymmetry)).toBeLessThan(0.03);
    for (const ring of RINGS) {
      expect(f[`angular_m1_${ring}`]).toBeLessThan(0.03);
      expect(f[`angular_m2_${ring}`]).toBeLessThan(0.03);
    }
    // A 2-D Gaussian encloses 20 % within 0.668σ and 80 % within 1.794σ: C = 5 log10(2.686) = 2.15.
    expect(f.concentration).toBeCloseTo(2.15, 0);
    expect(Math.abs(f.concentration - 2.15)).toBeLessThan(0.15);
    // Within its Petrosian isophote (r = 2.30σ) a Gaussian's brightest 20 % of light has M20 = −1.60.
    expect(Math.abs(f.m20 + 1.6)).toBeLessThan(0.1);
    // Half the light of a Gaussian with half-light radius 4 px is within 4 px.
    expect(Math.abs(10 ** f.log_r50 - 4)).toBeLessThan(0.4);
  });

  it('measures the ellipticity of an elongated source as 1 − b/a, whatever its angle', () => {
    for (const angle of [0, 0.6, 2]) {
      const f = features({ flux: BRIGHT, radius: 6, sersic: 0.5, axisRatio: 0.5, angle });
      expect(Math.abs(f.ellipticity - 0.5)).toBeLessThan(0.04);
      expect(f.angular_m2_outer).toBeGreaterThan(0.3);
    }
    const flat = features({ flux: BRIGHT, radius: 8, sersic: 1, axisRatio: 0.2, angle: 1 });
    expect(Math.abs(flat.ellipticity - 0.8)).toBeLessThan(0.06);
  });

  it('orders concentration and Gini from Gaussian to exponential to de Vaucouleurs profiles', () => {
    const gaussian = features({ flux: BRIGHT, radius: 5, sersic: 0.5 });
    const exponential = features({ flux: BRIGHT, radius: 5, sersic: 1 });
    const deVaucouleurs = features({ flux: BRIGHT, radius: 5, sersic: 4 });
    // An exponential disc has C ≈ 2.7 (r80/r20 = 3.47).
    expect(Math.abs(exponential.concentration - 2.7)).toBeLessThan(0.2);
    expect(deVaucouleurs.concentration).toBeGreaterThan(exponential.concentration + 0.8);
    expect(exponential.concentration).toBeGreaterThan(gaussian.concentration + 0.3);
    expect(deVaucouleurs.gini).toBeGreaterThan(exponential.gini);
    expect(exponential.gini).toBeGreaterThan(gaussian.gini);
    expect(deVaucouleurs.m20).toBeLessThan(exponential.m20);
  });

  it('sees a two-armed pattern as m = 2 power far above m = 1 and m = 3', () => {
    const f = features({ flux: BRIGHT, radius: 8, sersic: 1, arms: { count: 2, amplitude: 0.8, winding: 1.5 } });
    for (const ring of ['middle', 'outer']) {
      const m2 = f[`angular_m2_${ring}`];
      expect(m2).toBeGreaterThan(0.2);
      expect(m2).toBeGreaterThan(10 * f[`angular_m1_${ring}`]);
      expect(m2).toBeGreaterThan(10 * f[`angular_m3_${ring}`]);
    }
    // A pattern of cos 2θ with amplitude 0.8 has an m = 2 amplitude of 0.4 relative to m = 0 (straight spokes, no
    // winding).
    const spokes = features({ flux: BRIGHT, radius: 8, sersic: 1, arms: { count: 2, amplitude: 0.8, winding: 0 } });
    expect(Math.abs(spokes.angular_m2_middle - 0.4)).toBeLessThan(0.05);
  });

  it('finds a lopsided source asymmetric', () => {
    const round = features({ flux: BRIGHT, radius: 6, sersic: 1, seed: 3 });
    const spec: GalaxySpec = { flux: BRIGHT, radius: 6, sersic: 1, seed: 3 };
    const flux = galaxyFlux(spec);
    const clump = galaxyFlux({ flux: BRIGHT / 4, radius: 2, sersic: 0.5, offsetX: 5, offsetY: 2, noise: 0 });
    for (let i = 0; i < flux.length; i++) flux[i] += clump[i];
    const lopsided = named(morphologyFeatures(toModelInput(flux), SIZE, BANDS));
    expect(lopsided.asymmetry).toBeGreaterThan(round.asymmetry + 0.1);
    expect(lopsided.angular_m1_inner).toBeGreaterThan(round.angular_m1_inner + 0.1);
  });

  it('is unchanged by a 90° rotation or a flip of the frame', () => {
    const input = galaxyInput({
      flux: 8000,
      radius: 7,
      sersic: 1.5,
      axisRatio: 0.6,
      angle: 0.4,
      offsetX: 1.3,
      offsetY: -0.7,
      arms: { count: 2, amplitude: 0.5, winding: 2 },
      bar: { length: 6, axisRatio: 0.3, fraction: 0.2 },
      bandRatios: [0.7, 1, 1.3],
      seed: 11,
    });
    const before = morphologyFeatures(input, SIZE, BANDS);
    let turned = input;
    for (let quarter = 1; quarter <= 3; quarter++) {
      turned = rotate90(turned, SIZE, BANDS);
      const after = morphologyFeatures(turned, SIZE, BANDS);
      // Equal up to the rounding of sums taken in another pixel order.
      for (let i = 0; i < before.length; i++) expect(Math.abs(after[i] - before[i]), NAMES[i]).toBeLessThan(1e-4);
    }
    const flipped = morphologyFeatures(flipHorizontally(input, SIZE, BANDS), SIZE, BANDS);
    for (let i = 0; i < before.length; i++) expect(Math.abs(flipped[i] - before[i]), NAMES[i]).toBeLessThan(1e-4);
  });

  it('gives the colour of a band ratio: −2.5 log10(F_b / F_b+1)', () => {
    const f = features({ flux: BRIGHT, radius: 5, bandRatios: [1, 2, 2] });
    expect(Math.abs(f.colour_0_1 - 2.5 * Math.log10(2))).toBeLessThan(0.02);
    expect(Math.abs(f.colour_1_2)).toBeLessThan(0.02);
    expect(Math.abs(f.colour_gradient_0_1)).toBeLessThan(0.03);
  });

  it('keeps blank, NaN and noise-only frames finite and flags them empty', () => {
    const nan = named(morphologyFeatures(new Float32Array(SIZE * SIZE * BANDS).fill(NaN), SIZE, BANDS));
    const blank = named(morphologyFeatures(new Float32Array(SIZE * SIZE * BANDS), SIZE, BANDS));
    const infinite = named(morphologyFeatures(new Float32Array(SIZE * SIZE * BANDS).fill(Infinity), SIZE, BANDS));
    const noise = features({ flux: 0, radius: 5, seed: 5 });
    for (const f of [nan, blank, infinite, noise]) {
      for (const name of NAMES) expect(Number.isFinite(f[name]), name).toBe(true);
      expect(f.empty).toBe(1);
    }
    expect(nan.bad_pixel_fraction).toBe(1);
    expect(blank.bad_pixel_fraction).toBe(0);
    expect(Math.abs(noise.noise_log_sigma)).toBeLessThan(0.05);
  });

  it('measures a galaxy with a stripe of NaN pixels and reports the bad fraction', () => {
    const input = galaxyInput({ flux: BRIGHT, radius: 5 });
    for (let y = 0; y < SIZE; y++) for (let b = 0; b < BANDS; b++) input[(y * SIZE + 40) * BANDS + b] = NaN;
    const f = named(morphologyFeatures(input, SIZE, BANDS));
    for (const name of NAMES) expect(Number.isFinite(f[name]), name).toBe(true);
    expect(f.empty).toBe(0);
    expect(f.bad_pixel_fraction).toBeCloseTo(1 / SIZE, 6);
  });

  it('counts the light of a separate bright neighbour', () => {
    // Far enough apart that their segments do not touch (the segmentation does not deblend).
    const flux = galaxyFlux({ flux: 5000, radius: 3, seed: 2 });
    const neighbour = galaxyFlux({ flux: 2500, radius: 2, offsetX: 22, offsetY: 20, noise: 0 });
    for (let i = 0; i < flux.length; i++) flux[i] += neighbour[i];
    const f = named(morphologyFeatures(toModelInput(flux), SIZE, BANDS));
    // A third of the light is the neighbour's.
    expect(Math.abs(f.neighbour_flux_fraction - 1 / 3)).toBeLessThan(0.05);
    expect(features({ flux: 5000, radius: 3, seed: 2 }).neighbour_flux_fraction).toBe(0);
  });

  it('computes the same features from stored float16 rows as from decoded inputs', () => {
    const specs: GalaxySpec[] = [
      { flux: BRIGHT, radius: 4 },
      { flux: 5000, radius: 8, sersic: 2, axisRatio: 0.4, angle: 1, seed: 4 },
    ];
    const rowLength = SIZE * SIZE * BANDS;
    const half = new Uint16Array(specs.length * rowLength);
    specs.forEach((spec, i) => half.set(toFloat16Bits(galaxyInput(spec)), i * rowLength));
    const batch = morphologyFeaturesOfHalfRows(half, specs.length, SIZE, BANDS);
    const width = featureCount(BANDS);
    expect(batch.length).toBe(specs.length * width);
    for (let i = 0; i < specs.length; i++) {
      const single = morphologyFeatures(
        fromFloat16Bits(half.subarray(i * rowLength, (i + 1) * rowLength)),
        SIZE,
        BANDS,
      );
      for (let k = 0; k < width; k++) expect(batch[i * width + k], NAMES[k]).toBeCloseTo(single[k], 3);
    }
  });
});
