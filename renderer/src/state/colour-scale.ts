// Per-point colours for the map, as one RGBA Uint8Array (deck.gl's binary getFillColor),
// plus the legend that explains them.
import type { MapColumn, MapData } from '../../../electron/core/api/view-types.js';
import type { LabelColumn } from './label-column.js';

export interface Legend {
  kind: 'ramp' | 'categories';
  title: string;
  /** ramp: low and high ends; categories: one entry each. */
  entries: { name: string; colour: [number, number, number] }[];
}

// A perceptually even dark-to-bright ramp (sampled from viridis/inferno-like stops).
const RAMP: [number, number, number][] = [
  [40, 30, 90],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
export const CATEGORY_COLOURS: [number, number, number][] = [
  [255, 99, 71],
  [80, 200, 255],
  [255, 200, 40],
  [180, 120, 255],
  [90, 230, 140],
  [255, 130, 200],
  [255, 160, 60],
  [160, 220, 220],
];
const UNLABELLED: [number, number, number, number] = [120, 130, 150, 110];

export function rampColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]))) as [number, number, number];
}

/** Ranks turned into [0, 1]: score distributions are skewed, ranks spread the colours evenly. NaN stays NaN. */
export function rankNormalise(values: Float32Array): Float32Array {
  const order = Array.from(values.keys()).filter((i) => !Number.isNaN(values[i]));
  order.sort((a, b) => values[a] - values[b]);
  const out = new Float32Array(values.length).fill(NaN);
  order.forEach((row, r) => (out[row] = order.length > 1 ? r / (order.length - 1) : 1));
  return out;
}

export function colourByValues(
  values: Float32Array,
  title: string,
  low: string,
  high: string,
): { colours: Uint8Array; legend: Legend } {
  const t = rankNormalise(values);
  const colours = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(t[i])) colours.set(UNLABELLED, 4 * i);
    else colours.set([...rampColour(t[i]), 230], 4 * i);
  }
  return {
    colours,
    legend: {
      kind: 'ramp',
      title,
      entries: [
        { name: low, colour: rampColour(0) },
        { name: high, colour: rampColour(1) },
      ],
    },
  };
}

/**
 * Categories keep their colour by code; the legend lists only those some point has (a label cleared everywhere drops
 * out).
 */
export function colourByCodes(
  codes: ArrayLike<number>,
  names: string[],
  title: string,
): { colours: Uint8Array; legend: Legend } {
  const colours = new Uint8Array(codes.length * 4);
  const present = new Uint8Array(names.length + 1);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    present[code] = 1;
    colours.set(code === 0 ? UNLABELLED : [...CATEGORY_COLOURS[(code - 1) % CATEGORY_COLOURS.length], 255], 4 * i);
  }
  const entries = names.flatMap((name, k) =>
    present[k + 1] ? [{ name, colour: CATEGORY_COLOURS[k % CATEGORY_COLOURS.length] }] : [],
  );
  return {
    colours,
    legend: {
      kind: 'categories',
      title,
      entries: [...entries, { name: 'none', colour: [UNLABELLED[0], UNLABELLED[1], UNLABELLED[2]] }],
    },
  };
}

/** `labels`: the current label column (label-column.ts), which changes apart from the map; null: the map's own. */
export function mapColours(
  map: MapData,
  colourBy: string,
  column: MapColumn | null,
  labels: LabelColumn | null,
): { colours: Uint8Array; legend: Legend } {
  if (colourBy === 'label')
    return colourByCodes(labels?.codes ?? map.labelCode, labels?.names ?? map.labelNames, 'label');
  if (colourBy.startsWith('meta:') && column) {
    if (column.values) return colourByValues(column.values, column.key, 'low', 'high');
    if (column.codes) return colourByCodes(column.codes, column.categories, column.key);
  }
  if (map.score) return colourByValues(map.score, 'anomaly score (rank)', 'typical', 'anomalous');
  return colourByCodes(new Uint8Array(map.count), [], 'no scores yet');
}
