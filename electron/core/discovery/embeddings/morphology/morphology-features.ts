// Classical galaxy morphology of one model input, as a fixed-length vector of numbers that
// mean the same thing for every cutout: concentration, asymmetry, Gini, M20, ellipticity,
// size, radial profile, angular Fourier amplitudes, colours between adjacent bands, and the
// noise and quality flags that let blank, corrupt or crowded frames stand apart. Every
// feature except the colours is computed on the band sum, and every one is unchanged by a
// 90° rotation or a flip of the cutout. Values are always finite: a frame with no source
// gets neutral shape values and `empty` = 1.
import { ANGULAR_MODES, angularFourierAmplitudes } from './angular-fourier.js';
import { giniAndM20 } from './gini-m20.js';
import { GrowthCurve } from './growth-curve.js';
import { fluxAndBandSumFromHalf, fluxAndBandSumFromInput } from './linear-flux.js';
import { backgroundCorners, measureBackground } from './robust-background.js';
import { rotationalAsymmetry, type SegmentPixels } from './rotational-asymmetry.js';
import {
  LABEL_MAIN,
  LABEL_NEIGHBOUR,
  boxSmooth3,
  centralPeak,
  segmentSources,
  type PixelList,
} from './segmentation.js';
import { shapeMoments } from './shape-moments.js';

/** Radial-profile annulus edges for a 64-pixel frame (scaled with the size), roughly ×1.5 apart. */
const PROFILE_EDGES_64 = [0, 1.5, 2.5, 4, 6, 9, 13.5, 20, 30];
/** Angular rings in units of the half-light radius: inner (bars), middle (arms), outer (rings, tails). */
const RING_EDGES_R50 = [0.5, 1, 2, 3.5];
const RING_NAMES = ['inner', 'middle', 'outer'];
/**
 * Detection, in σ of the smoothed image: a source must peak above DETECT_PEAK_SIGMAS near the
 * centre (pure noise reaches ~3 in that area), and then grows over the pixels above
 * SEGMENT_SIGMAS connected to the peak. Other components peaking above NEIGHBOUR_SIGMAS are neighbours.
 */
const DETECT_PEAK_SIGMAS = 4;
const SEGMENT_SIGMAS = 2;
const NEIGHBOUR_SIGMAS = 5;
/** Colours are clamped to ± this many magnitudes; a band with no flux would otherwise give ±∞. */
const COLOUR_LIMIT = 5;
/** Fewer pixels above the Petrosian isophote than this, and Gini and M20 use the whole segment. */
const MIN_GINI_PIXELS = 5;
/** Frames with more than this fraction of unusable pixels are flagged empty. */
const MAX_BAD_FRACTION = 0.5;

/** Whole-galaxy measurements, first in the vector. */
const SHAPE_FEATURES = [
  'concentration', // 5 log10(r80 / r20) within 1.5 Petrosian radii
  'asymmetry', // rotational, noise-corrected
  'gini',
  'm20',
  'ellipticity', // 1 − b/a from second moments
  'log_r50', // log10 half-light radius in model-input pixels
  'log_snr', // log10(1 + total flux / its noise)
  'central_brightness', // asinh(mean flux within 1.5 px / σ)
] as const;

/** Frame quality, last before the colours. */
const QUALITY_FEATURES = [
  // log10(σ of the band sum / √bands): 0 when the frame's noise is as the input normalisation expects
  'noise_log_sigma',
  'background_level', // background median / σ
  'neighbour_flux_fraction', // light in other bright sources / all detected light
  'edge_fraction', // fraction of the frame border the segment touches
  'bad_pixel_fraction', // NaN or infinite input values
  'empty', // 1: no source detected, or no usable pixels
] as const;

/** The features every model input has, whatever its bands; colours follow (see featureNames). */
export const FEATURE_NAMES: readonly string[] = [
  ...SHAPE_FEATURES,
  ...PROFILE_EDGES_64.slice(1).map((_, k) => `profile_${k}`), // asinh(annulus mean / mean within the total aperture)
  ...RING_NAMES.flatMap((ring) => Array.from({ length: ANGULAR_MODES }, (_, m) => `angular_m${m + 1}_${ring}`)),
  ...QUALITY_FEATURES,
];

type IndexedFeature =
  (typeof SHAPE_FEATURES)[number] | (typeof QUALITY_FEATURES)[number] | 'profile_0' | 'angular_m1_inner';
/** Position of each feature written by name: a misspelt name is a compile error. */
const F = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<IndexedFeature, number>;
const PROFILE_START = F.profile_0;
const ANGULAR_START = F.angular_m1_inner;

/**
 * All feature names for inputs with `bands` bands: FEATURE_NAMES, then colour_i_j and colour_gradient_i_j for adjacent
 * bands.
 */
export function featureNames(bands: number): string[] {
  const names = [...FEATURE_NAMES];
  for (let b = 0; b + 1 < bands; b++) names.push(`colour_${b}_${b + 1}`);
  for (let b = 0; b + 1 < bands; b++) names.push(`colour_gradient_${b}_${b + 1}`);
  return names;
}

export function featureCount(bands: number): number {
  return FEATURE_NAMES.length + 2 * Math.max(0, bands - 1);
}

/** Buffers for one frame size, reused from cutout to cutout. */
class Scratch {
  readonly flux: Float32Array;
  readonly detection: Float32Array;
  readonly smoothed: Float32Array;
  readonly temporary: Float32Array;
  readonly radius: Float32Array;
  readonly labels: Uint8Array;
  /** The main segment's pixels. */
  readonly main: PixelList;
  /** Neighbours' pixels while segmenting, then the pixels Gini and M20 use. */
  readonly other: PixelList;
  readonly searchPixels: SegmentPixels;
  readonly growth: GrowthCurve;
  readonly bandSums: Float64Array;
  readonly ringEdges = new Float64Array(RING_EDGES_R50.length);

  constructor(
    readonly size: number,
    readonly bands: number,
  ) {
    const pixels = size * size;
    this.flux = new Float32Array(pixels * bands);
    this.detection = new Float32Array(pixels);
    this.smoothed = new Float32Array(pixels);
    this.temporary = new Float32Array(pixels);
    this.radius = new Float32Array(pixels);
    this.labels = new Uint8Array(pixels);
    const list = (): PixelList => ({
      pixels: new Int32Array(pixels),
      xs: new Int32Array(pixels),
      ys: new Int32Array(pixels),
    });
    this.main = list();
    this.other = list();
    this.searchPixels = { ...list(), count: 0 };
    this.growth = new GrowthCurve(size);
    this.bandSums = new Float64Array(bands * 3);
  }
}

let scratch: Scratch | null = null;

function scratchFor(size: number, bands: number): Scratch {
  if (!scratch || scratch.size !== size || scratch.bands !== bands) scratch = new Scratch(size, bands);
  return scratch;
}

/** Features of one model input (asinh-normalised values, size×size×bands, HWC). */
export function morphologyFeatures(input: Float32Array, size: number, bands: number, out?: Float32Array): Float32Array {
  const s = scratchFor(size, bands);
  const bad = fluxAndBandSumFromInput(input, size * size, bands, s.flux, s.detection);
  return featuresOfFlux(s, bad, out ?? new Float32Array(featureCount(bands)), 0);
}

/** Features of `count` stored (float16) model inputs, row after row, as a count × featureCount(bands) matrix. */
export function morphologyFeaturesOfHalfRows(
  half: Uint16Array,
  count: number,
  size: number,
  bands: number,
  out?: Float32Array,
): Float32Array {
  const width = featureCount(bands);
  const result = out ?? new Float32Array(count * width);
  const s = scratchFor(size, bands);
  const rowLength = size * size * bands;
  for (let i = 0; i < count; i++) {
    const bad = fluxAndBandSumFromHalf(half, i * rowLength, size * size, bands, s.flux, s.detection);
    featuresOfFlux(s, bad, result, i * width);
  }
  return result;
}

/**
 * Measures the frame decoded into `s.flux` and `s.detection` (its band sum), in which `bad`
 * values were unusable (and are now 0, the sky level); writes featureCount(bands) values to out[offset..].
 */
function featuresOfFlux(s: Scratch, bad: number, out: Float32Array, offset: number): Float32Array {
  const { size, bands, detection } = s;
  const pixelCount = size * size;
  const width = featureCount(bands);
  out.fill(0, offset, offset + width);
  const badFraction = bad / (pixelCount * bands);
  out[offset + F.bad_pixel_fraction] = badFraction;

  const corners = backgroundCorners(size);
  const background = measureBackground(detection, corners, s.temporary);
  const sigma = background.sigma;
  if (sigma > 0) {
    out[offset + F.noise_log_sigma] = Math.log10(sigma / Math.sqrt(bands));
    out[offset + F.background_level] = background.level / sigma;
  }
  for (let p = 0; p < pixelCount; p++) detection[p] -= background.level;

  // Smoothed noise is measured rather than assumed (σ/3 for independent pixels): resampled inputs have correlated
  // noise.
  boxSmooth3(detection, size, s.smoothed, s.temporary);
  const smoothedSigma = sigma > 0 ? measureBackground(s.smoothed, corners, s.temporary).sigma || sigma / 3 : 0;
  const threshold = SEGMENT_SIGMAS * smoothedSigma;
  const usable = sigma > 0 && badFraction <= MAX_BAD_FRACTION;
  const seed = usable ? centralPeak(s.smoothed, size, Math.max(2, size / 10), DETECT_PEAK_SIGMAS * smoothedSigma) : -1;
  if (seed < 0) {
    out[offset + F.empty] = 1;
    return out;
  }
  const count = segmentSources(
    s.smoothed,
    size,
    seed,
    threshold,
    NEIGHBOUR_SIGMAS * smoothedSigma,
    s.labels,
    s.main,
    s.other,
  );
  const { labels } = s;
  const { pixels, xs, ys } = s.main;

  // Other sources leave the apertures: their pixels count as sky from here on.
  let mainLight = 0;
  let neighbourLight = 0;
  let border = 0;
  for (let p = 0; p < pixelCount; p++) {
    if (labels[p] === LABEL_NEIGHBOUR) {
      neighbourLight += Math.max(0, detection[p]);
      detection[p] = 0;
    } else if (labels[p] === LABEL_MAIN) {
      mainLight += Math.max(0, detection[p]);
      const x = p % size;
      const y = (p - x) / size;
      if (x === 0 || y === 0 || x === size - 1 || y === size - 1) border++;
    }
  }
  out[offset + F.neighbour_flux_fraction] =
    mainLight + neighbourLight > 0 ? neighbourLight / (mainLight + neighbourLight) : 0;
  out[offset + F.edge_fraction] = border / (4 * (size - 1));

  const moments = shapeMoments(detection, size, pixels, count);
  out[offset + F.ellipticity] = moments.ellipticity;
  const segment: SegmentPixels = { pixels, xs, ys, count };
  const centre = rotationalAsymmetry(
    detection,
    size,
    segment,
    labels,
    moments.centroidX,
    moments.centroidY,
    sigma,
    s.searchPixels,
  );
  out[offset + F.asymmetry] = centre.asymmetry;

  const growth = s.growth;
  growth.measure(detection, size, centre.centreX, centre.centreY, s.radius);
  const petrosian = growth.petrosianRadius();
  const totalRadius = growth.totalRadius(petrosian);
  const total = growth.fluxWithin(totalRadius);
  const r20 = Math.max(0.25, growth.radiusEnclosing(0.2 * total, totalRadius));
  const r50 = Math.max(0.5, growth.radiusEnclosing(0.5 * total, totalRadius));
  const r80 = Math.max(r20, growth.radiusEnclosing(0.8 * total, totalRadius));
  out[offset + F.concentration] = 5 * Math.log10(r80 / r20);
  out[offset + F.log_r50] = Math.log10(r50);
  out[offset + F.log_snr] = Math.log10(
    1 + Math.max(0, total) / (sigma * Math.sqrt(Math.max(1, growth.pixelsWithin(totalRadius)))),
  );

  // Gini and M20 over the segment's pixels above the surface brightness at the Petrosian radius.
  const isophote = growth.annulusMean(0.8 * petrosian, 1.25 * petrosian);
  const bright = s.other.pixels;
  let brightCount = 0;
  for (let i = 0; i < count; i++) if (s.smoothed[pixels[i]] >= isophote) bright[brightCount++] = pixels[i];
  const gm =
    brightCount >= MIN_GINI_PIXELS
      ? giniAndM20(detection, size, bright, brightCount, s.temporary)
      : giniAndM20(detection, size, pixels, count, s.temporary);
  out[offset + F.gini] = gm.gini;
  out[offset + F.m20] = gm.m20;
  const scale = size / 64;
  out[offset + F.central_brightness] = Math.asinh(growth.annulusMean(0, PROFILE_EDGES_64[1] * scale) / sigma);

  const meanWithinTotal = total > 0 ? total / Math.max(1, growth.pixelsWithin(totalRadius)) : sigma;
  for (let k = 0; k + 1 < PROFILE_EDGES_64.length; k++) {
    const mean = growth.annulusMean(PROFILE_EDGES_64[k] * scale, PROFILE_EDGES_64[k + 1] * scale);
    out[offset + PROFILE_START + k] = Math.asinh(mean / meanWithinTotal);
  }

  // Rings scale with the galaxy but keep at least ~1.5 px of width, else the pixel lattice dominates.
  const ringEdges = s.ringEdges;
  ringEdges[0] = Math.max(1, RING_EDGES_R50[0] * r50);
  for (let k = 1; k < ringEdges.length; k++) ringEdges[k] = Math.max(RING_EDGES_R50[k] * r50, ringEdges[k - 1] + 1.5);
  for (let k = 0; k < ringEdges.length; k++) ringEdges[k] = Math.min(ringEdges[k], growth.maxRadius);
  angularFourierAmplitudes(
    detection,
    size,
    centre.centreX,
    centre.centreY,
    s.radius,
    ringEdges,
    sigma,
    out,
    offset + ANGULAR_START,
  );

  writeColours(s, count, r50, sigma, out, offset + FEATURE_NAMES.length);

  for (let i = offset; i < offset + width; i++) if (!Number.isFinite(out[i])) out[i] = 0;
  return out;
}

/** Colours (magnitude differences of adjacent bands) over the segment, and inner-minus-outer colour gradients. */
function writeColours(s: Scratch, count: number, r50: number, sigma: number, out: Float32Array, offset: number): void {
  const { bands, flux, radius, bandSums } = s;
  const { pixels } = s.main;
  if (bands < 2) return;
  // bandSums: [whole segment, inside r50, outside r50] per band.
  bandSums.fill(0);
  let inner = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const part = radius[p] < r50 ? 1 : 2;
    if (part === 1) inner++;
    for (let b = 0; b < bands; b++) {
      const v = flux[p * bands + b];
      bandSums[b * 3] += v;
      bandSums[b * 3 + part] += v;
    }
  }
  // Each band's noise is ≈ σ/√bands of the sum's; a band fainter than its noise is floored there.
  const bandSigma = sigma / Math.sqrt(bands);
  const floorAll = Math.max(1e-6, Math.sqrt(count) * bandSigma);
  const floorInner = Math.max(1e-6, Math.sqrt(inner) * bandSigma);
  const floorOuter = Math.max(1e-6, Math.sqrt(count - inner) * bandSigma);
  for (let b = 0; b + 1 < bands; b++) {
    out[offset + b] = colour(bandSums[b * 3], bandSums[(b + 1) * 3], floorAll);
    out[offset + bands - 1 + b] =
      colour(bandSums[b * 3 + 1], bandSums[(b + 1) * 3 + 1], floorInner) -
      colour(bandSums[b * 3 + 2], bandSums[(b + 1) * 3 + 2], floorOuter);
  }
}

/** −2.5 log10(blue / red), each flux floored at `floor` (its noise), clamped to ±COLOUR_LIMIT. */
function colour(blue: number, red: number, floor: number): number {
  const magnitudes = -2.5 * Math.log10(Math.max(blue, floor) / Math.max(red, floor));
  return Math.min(COLOUR_LIMIT, Math.max(-COLOUR_LIMIT, magnitudes));
}
