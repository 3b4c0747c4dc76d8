// The objects the map keeps in sight at every zoom, drawn as ringed points over the points,
// the thumbnails and the density image: labelled ones, the queue's next ones, the box or
// lasso selection and the selected object. One row is drawn once, as its most important
// kind, and rows are ordered so the more important kinds are drawn last (on top).
import type { MapData } from '../../../../electron/core/api/view-types.js';

export type MarkKind = 'labelled' | 'queued' | 'boxed' | 'selected';

/** Least to most important: the drawing order. */
export const MARK_KINDS: readonly MarkKind[] = ['labelled', 'queued', 'boxed', 'selected'];

type Rgba = [number, number, number, number];

export interface MarkStyle {
  /** Ring colour. */
  line: Rgba;
  /** Ring width and radius, in screen pixels. */
  lineWidth: number;
  radius: number;
  /** A hollow ring around the point (which stays visible inside), rather than the point redrawn. */
  hollow: boolean;
  /** What the legend calls it. */
  legend: string;
}

// Category colours (colour-scale.ts) take most hues, so the queue's mark differs by shape:
// a wide hollow ring, which reads over a point of any colour and over the density image.
export const MARK_STYLES: Record<MarkKind, MarkStyle> = {
  labelled: { line: [20, 20, 28, 255], lineWidth: 1.5, radius: 4.5, hollow: false, legend: 'labelled' },
  queued: { line: [235, 245, 255, 255], lineWidth: 2, radius: 8, hollow: true, legend: 'next in the queue' },
  boxed: { line: [255, 220, 80, 255], lineWidth: 1.5, radius: 5, hollow: false, legend: 'selection' },
  selected: { line: [255, 255, 255, 255], lineWidth: 1.5, radius: 8, hollow: false, legend: 'selected' },
};

export interface Marks {
  selectedId: number | null;
  boxed: ReadonlySet<number>;
  queued: ReadonlySet<number>;
}

export interface MarkedRows {
  /** Map rows to draw, least important kind first. */
  rows: number[];
  kinds: MarkKind[];
  /** How many rows of each kind are drawn. */
  counts: Record<MarkKind, number>;
}

/** `shown`: the filter's mask (map-filter.ts); rows it hides are not marked either. */
export function markedRows(
  map: Pick<MapData, 'count' | 'ids'>,
  labelCodes: Uint8Array,
  marks: Marks,
  shown: Uint8Array | null = null,
): MarkedRows {
  const byKind: Record<MarkKind, number[]> = { labelled: [], queued: [], boxed: [], selected: [] };
  const watching = marks.boxed.size > 0 || marks.queued.size > 0 || marks.selectedId !== null;
  for (let row = 0; row < map.count; row++) {
    if (shown && !shown[row]) continue;
    if (!watching) {
      if (labelCodes[row] !== 0) byKind.labelled.push(row);
      continue;
    }
    const id = map.ids[row];
    const kind: MarkKind | null =
      id === marks.selectedId
        ? 'selected'
        : marks.boxed.has(id)
          ? 'boxed'
          : marks.queued.has(id)
            ? 'queued'
            : labelCodes[row] !== 0
              ? 'labelled'
              : null;
    if (kind) byKind[kind].push(row);
  }
  const rows: number[] = [];
  const kinds: MarkKind[] = [];
  for (const kind of MARK_KINDS) {
    for (const row of byKind[kind]) {
      rows.push(row);
      kinds.push(kind);
    }
  }
  const counts = Object.fromEntries(MARK_KINDS.map((k) => [k, byKind[k].length])) as Record<MarkKind, number>;
  return { rows, kinds, counts };
}

/**
 * Binary attributes for a deck.gl ScatterplotLayer: the point's own colour (opaque, or none when hollow) inside its
 * kind's ring.
 */
export function markAttributes(map: Pick<MapData, 'x' | 'y'>, colours: Uint8Array, marked: MarkedRows) {
  const n = marked.rows.length;
  const pos = new Float32Array(n * 2);
  const fill = new Uint8Array(n * 4);
  const line = new Uint8Array(n * 4);
  const radius = new Float32Array(n);
  const lineWidth = new Float32Array(n);
  marked.rows.forEach((row, k) => {
    const style = MARK_STYLES[marked.kinds[k]];
    pos[2 * k] = map.x[row];
    pos[2 * k + 1] = map.y[row];
    fill.set(colours.subarray(4 * row, 4 * row + 4), 4 * k);
    fill[4 * k + 3] = style.hollow ? 0 : 255;
    line.set(style.line, 4 * k);
    radius[k] = style.radius;
    lineWidth[k] = style.lineWidth;
  });
  return { pos, fill, line, radius, lineWidth };
}
