// The named features explain compares a spectrum with its typical neighbours by, measured on
// its model input (flux on the model grid, normalised, NaN where masked): the overall colour
// (red-to-blue flux ratio), the 4000 Å break, and the strengths of the lines that tell galaxy
// and quasar spectra apart, as rest-frame equivalent widths (Å) against a continuum drawn
// between two side bands. Emission widths count up (more emission = larger), absorption widths
// count up with deeper absorption, so "+4σ" always reads "stronger". The windows follow the
// Lick indices (Mg b, Na D; Worthey et al. 1994) and the narrow D4000 (Balogh et al. 1999),
// moved to vacuum; a feature whose windows do not all fall on the grid, or whose line window
// has a masked bin, is NaN. The model input's normalisation cancels in every ratio.

export interface LineIndex {
  /** The feature's name, which explain's words are made of. */
  name: string;
  kind: 'emission' | 'absorption';
  /** Rest-frame vacuum Å: [from, to] of the line and of its blue and red side bands. */
  line: readonly [number, number];
  blue: readonly [number, number];
  red: readonly [number, number];
}

export const RED_TO_BLUE = 'red-to-blue flux ratio';
export const BREAK_4000 = '4000 Å break';
/** The D4000 bands, rest vacuum Å: the mean F_ν above the break over the mean below it. */
const BREAK_BLUE: readonly [number, number] = [3851, 3951];
const BREAK_RED: readonly [number, number] = [4001, 4101];
/** The part of the grid at each end whose mean flux the red-to-blue ratio compares. */
const END_FRACTION = 0.2;

const emission = (label: string, line: LineIndex['line'], blue: LineIndex['blue'], red: LineIndex['red']) =>
  ({ name: `${label} emission equivalent width`, kind: 'emission', line, blue, red }) as const;
const absorption = (label: string, line: LineIndex['line'], blue: LineIndex['blue'], red: LineIndex['red']) =>
  ({ name: `${label} absorption equivalent width`, kind: 'absorption', line, blue, red }) as const;

export const LINE_INDICES: readonly LineIndex[] = Object.freeze([
  emission('[O II] 3727', [3716, 3741], [3680, 3710], [3750, 3780]),
  absorption('Ca H&K', [3925, 3980], [3880, 3915], [3990, 4020]),
  emission('Hβ', [4852, 4873], [4815, 4845], [4880, 4940]),
  emission('[O III] 5007', [4998, 5018], [4970, 4990], [5030, 5060]),
  absorption('Mg b', [5162, 5194], [5142, 5161], [5195, 5210]),
  absorption('Na D', [5878, 5911], [5862, 5877], [5924, 5950]),
  emission('Hα', [6554, 6575], [6490, 6530], [6600, 6640]),
  emission('[N II] 6584', [6578, 6593], [6490, 6530], [6600, 6640]),
]);

/** Every feature's name, in the order spectrumFeatures gives their values. */
export const SPECTRUM_FEATURE_NAMES: readonly string[] = Object.freeze([
  RED_TO_BLUE,
  BREAK_4000,
  ...LINE_INDICES.map((f) => f.name),
]);

/**
 * The features of one spectrum: `flux` per bin (NaN where masked) on bins with edges `edges` (length + 1, observed
 * Å), at redshift `z` (0 measures in the observed frame). Values in SPECTRUM_FEATURE_NAMES order, NaN where a
 * feature cannot be measured.
 */
export function spectrumFeatures(edges: ArrayLike<number>, flux: ArrayLike<number>, z: number): Float64Array {
  if (edges.length !== flux.length + 1) throw new Error(`${flux.length} bins need ${flux.length + 1} edges`);
  const bins = { edges, flux, stretch: 1 + z };
  return Float64Array.from([redToBlue(flux), break4000(bins), ...LINE_INDICES.map((index) => lineWidth(bins, index))]);
}

interface Bins {
  edges: ArrayLike<number>;
  flux: ArrayLike<number>;
  /** 1 + z: observed Å over rest Å. */
  stretch: number;
}

function redToBlue(flux: ArrayLike<number>): number {
  const end = Math.max(1, Math.floor(END_FRACTION * flux.length));
  const blue = meanOf(flux, 0, end);
  const red = meanOf(flux, flux.length - end, flux.length);
  return blue > 0 ? red / blue : NaN;
}

function meanOf(flux: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let k = from; k < to; k++) {
    if (!Number.isFinite(flux[k])) continue;
    sum += flux[k];
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

/** The bins whose centres lie in the rest range [from, to], or null when the range leaves the grid. */
function binsIn(bins: Bins, range: readonly [number, number]): { first: number; last: number } | null {
  const { edges, stretch } = bins;
  const from = range[0] * stretch;
  const to = range[1] * stretch;
  if (from < edges[0] || to > edges[edges.length - 1]) return null;
  let first = 0;
  while (first < edges.length - 1 && centre(edges, first) < from) first++;
  let last = first - 1;
  while (last + 1 < edges.length - 1 && centre(edges, last + 1) <= to) last++;
  return last >= first ? { first, last } : null;
}

const centre = (edges: ArrayLike<number>, k: number) => Math.sqrt(edges[k] * edges[k + 1]);

/** Mean of `value(k)` over the finite flux bins in a rest range, and their mean wavelength; null when none. */
function bandMean(bins: Bins, range: readonly [number, number], value = (k: number) => bins.flux[k]) {
  const span = binsIn(bins, range);
  if (!span) return null;
  let sum = 0;
  let at = 0;
  let n = 0;
  for (let k = span.first; k <= span.last; k++) {
    if (!Number.isFinite(bins.flux[k])) continue;
    sum += value(k);
    at += centre(bins.edges, k);
    n++;
  }
  return n > 0 ? { mean: sum / n, at: at / n } : null;
}

function break4000(bins: Bins): number {
  // F_ν ∝ F_λ·λ².
  const fnu = (k: number) => bins.flux[k] * centre(bins.edges, k) ** 2;
  const below = bandMean(bins, BREAK_BLUE, fnu);
  const above = bandMean(bins, BREAK_RED, fnu);
  return below && above && below.mean > 0 ? above.mean / below.mean : NaN;
}

/** Rest-frame equivalent width in Å: Σ (F/F_c − 1)·Δλ (emission) or Σ (1 − F/F_c)·Δλ (absorption). */
function lineWidth(bins: Bins, index: LineIndex): number {
  const span = binsIn(bins, index.line);
  const blue = bandMean(bins, index.blue);
  const red = bandMean(bins, index.red);
  if (!span || !blue || !red) return NaN;
  const { edges, flux, stretch } = bins;
  const slope = (red.mean - blue.mean) / (red.at - blue.at);
  let width = 0;
  for (let k = span.first; k <= span.last; k++) {
    if (!Number.isFinite(flux[k])) return NaN;
    const continuum = blue.mean + slope * (centre(edges, k) - blue.at);
    if (!(continuum > 0)) return NaN;
    width += (flux[k] / continuum - 1) * ((edges[k + 1] - edges[k]) / stretch);
  }
  return index.kind === 'emission' ? width : -width;
}
