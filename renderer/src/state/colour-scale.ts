// Per-point colours for the map, as one RGBA Uint8Array (deck.gl's binary getFillColor),
// plus the legend that explains them: categories (labels, catalog columns with few values)
// with their counts, a colour bar in a catalog column's own units, or the anomaly-score ramp
// by rank. Every pass is O(N) over typed arrays: maps hold up to a million points.
import { NO_RATING, type MapColumn, type MapData } from '../../../electron/core/api/view-types.js';
import { colourBarTicks, colourRange, type Tick } from './colour-bar.js';
import type { LabelColumn } from './label-column.js';

type Rgb = [number, number, number];

export interface CategoryEntry {
  name: string;
  colour: Rgb;
  /** How many of the map's points have it. */
  count: number;
}

export type Legend =
  | { kind: 'categories'; title: string; entries: CategoryEntry[] }
  /** The anomaly score: colours by rank, so only the two ends are named. */
  | { kind: 'ramp'; title: string; low: string; high: string }
  /** A continuous column: the ramp over [lo, hi] in the column's units; `clipped`: the ends are percentiles. */
  | { kind: 'colourbar'; title: string; lo: number; hi: number; ticks: Tick[]; clipped: boolean; missing: number };

export interface MapColours {
  colours: Uint8Array;
  legend: Legend;
}

// A perceptually even dark-to-bright ramp (sampled from viridis/inferno-like stops).
export const RAMP: Rgb[] = [
  [40, 30, 90],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
/**
 * The one qualitative palette (labels and catalog categories), bright on the dark map and apart
 * from the missing grey; as many colours as the server keeps categories (COLOUR_CATEGORY_LIMIT).
 */
export const CATEGORY_COLOURS: Rgb[] = [
  [255, 99, 71],
  [80, 200, 255],
  [255, 200, 40],
  [180, 120, 255],
  [90, 230, 140],
  [255, 130, 200],
  [255, 160, 60],
  [160, 220, 220],
  [60, 110, 255],
  [200, 240, 90],
  [190, 130, 80],
  [255, 240, 160],
];
/** Points with no value (unlabelled, missing in the catalog). */
export const MISSING: [number, number, number, number] = [120, 130, 150, 110];
const MISSING_RGB: Rgb = [MISSING[0], MISSING[1], MISSING[2]];

export function rampColour(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]))) as Rgb;
}

// The ramp in 256 steps, so a point's colour is one table look-up.
const RAMP_TABLE = (() => {
  const table = new Uint8Array(256 * 4);
  for (let k = 0; k < 256; k++) table.set([...rampColour(k / 255), 230], 4 * k);
  return table;
})();

/** `t` in [0, 1] (clamped; NaN = missing) → RGBA, written at point i. */
function putRamp(colours: Uint8Array, i: number, t: number): void {
  if (Number.isNaN(t)) return colours.set(MISSING, 4 * i);
  const k = 4 * Math.round(Math.min(1, Math.max(0, t)) * 255);
  colours[4 * i] = RAMP_TABLE[k];
  colours[4 * i + 1] = RAMP_TABLE[k + 1];
  colours[4 * i + 2] = RAMP_TABLE[k + 2];
  colours[4 * i + 3] = RAMP_TABLE[k + 3];
}

/** Ranks turned into [0, 1]: score distributions are skewed, ranks spread the colours evenly. NaN stays NaN. */
export function rankNormalise(values: Float32Array): Float32Array {
  const order = Array.from(values.keys()).filter((i) => !Number.isNaN(values[i]));
  order.sort((a, b) => values[a] - values[b]);
  const out = new Float32Array(values.length).fill(NaN);
  order.forEach((row, r) => (out[row] = order.length > 1 ? r / (order.length - 1) : 1));
  return out;
}

/** The anomaly score, by rank: what matters is how unusual an object is among these. */
export function colourByRank(values: Float32Array, title: string, low: string, high: string): MapColours {
  const t = rankNormalise(values);
  const colours = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) putRamp(colours, i, t[i]);
  return { colours, legend: { kind: 'ramp', title, low, high } };
}

/** A continuous column on a linear scale in its own units, between robust percentiles (colour-bar.ts). */
export function colourByScale(values: Float32Array, title: string): MapColours {
  const colours = new Uint8Array(values.length * 4);
  const range = colourRange(values);
  if (!range) {
    for (let i = 0; i < values.length; i++) colours.set(MISSING, 4 * i);
    return { colours, legend: { kind: 'categories', title, entries: missingEntry('missing', values.length) } };
  }
  const { lo, hi } = range;
  const scale = 1 / (hi - lo);
  for (let i = 0; i < values.length; i++) putRamp(colours, i, (values[i] - lo) * scale);
  return { colours, legend: { kind: 'colourbar', title, ...range, ticks: colourBarTicks(lo, hi) } };
}

function missingEntry(name: string, count: number): CategoryEntry[] {
  return count > 0 ? [{ name, colour: MISSING_RGB, count }] : [];
}

/** Colour of category code k (1-based). */
export function categoryColour(code: number): Rgb {
  return CATEGORY_COLOURS[(code - 1) % CATEGORY_COLOURS.length];
}

/**
 * Categories keep their colour by code; the legend lists those some point has, with how many
 * (a label cleared everywhere drops out), and code 0 last as `missingName` when any point has it.
 */
export function colourByCodes(
  codes: ArrayLike<number>,
  names: string[],
  title: string,
  missingName = 'none',
): MapColours {
  const colours = new Uint8Array(codes.length * 4);
  const counts = new Uint32Array(names.length + 1);
  const table = new Uint8Array((names.length + 1) * 4);
  table.set(MISSING, 0);
  for (let k = 1; k <= names.length; k++) table.set([...categoryColour(k), 255], 4 * k);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] <= names.length ? codes[i] : 0;
    counts[code]++;
    colours.set(table.subarray(4 * code, 4 * code + 4), 4 * i);
  }
  const entries = names.flatMap((name, k) =>
    counts[k + 1] ? [{ name, colour: categoryColour(k + 1), count: counts[k + 1] }] : [],
  );
  return {
    colours,
    legend: { kind: 'categories', title, entries: [...entries, ...missingEntry(missingName, counts[0])] },
  };
}

/**
 * Greys of relevance 0 and 5 without a label: no hue, so a rating never reads as a label category; opaque and
 * brighter than the translucent unlabelled points, so even a 0 stands out on the dark map.
 */
const RATING_GREY_LOW = 130;
const RATING_GREY_HIGH = 245;
const RELEVANCE_MAX = 5;

/** The grey of an object rated `relevance` (0–5) without a label: the more relevant, the lighter. */
export function ratingGrey(relevance: number): Rgb {
  const v = Math.round(RATING_GREY_LOW + ((RATING_GREY_HIGH - RATING_GREY_LOW) * relevance) / RELEVANCE_MAX);
  return [v, v, v];
}

/** Label colours, and objects rated without a label in ratingGrey, counted apart from the unlabelled. */
export function colourByLabels(codes: ArrayLike<number>, names: string[], ratings: ArrayLike<number>): MapColours {
  const { colours, legend } = colourByCodes(codes, names, 'label');
  if (legend.kind !== 'categories') return { colours, legend };
  let rated = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] !== 0 || ratings[i] === NO_RATING) continue;
    colours.set([...ratingGrey(ratings[i]), 255], 4 * i);
    rated++;
  }
  if (rated === 0) return { colours, legend };
  const labelled = legend.entries.filter((e) => e.colour !== MISSING_RGB);
  const unlabelled = legend.entries.find((e) => e.colour === MISSING_RGB)!.count - rated;
  const ratedEntry = { name: 'rated, no label (grey: 0 dark … 5 light)', colour: ratingGrey(3), count: rated };
  return {
    colours,
    legend: { ...legend, entries: [...labelled, ratedEntry, ...missingEntry('none', unlabelled)] },
  };
}

/** `labels`: the current label column (label-column.ts), which changes apart from the map; null: the map's own. */
export function mapColours(
  map: MapData,
  colourBy: string,
  column: MapColumn | null,
  labels: LabelColumn | null,
): MapColours {
  if (colourBy === 'label')
    return colourByLabels(
      labels?.codes ?? map.labelCode,
      labels?.names ?? map.labelNames,
      labels?.ratings ?? map.ratings,
    );
  if (colourBy.startsWith('meta:') && column) {
    if (column.kind === 'continuous' && column.values) return colourByScale(column.values, column.key);
    if (column.codes) return colourByCodes(column.codes, column.categories, column.key, 'missing');
  }
  if (map.score) return colourByRank(map.score, 'anomaly score (rank)', 'typical', 'anomalous');
  return colourByCodes(new Uint8Array(map.count), [], 'no scores yet');
}
