// The zoomed-out map: a 2-D histogram of the points over their bounding box, drawn once
// per map into a canvas that a deck.gl BitmapLayer stretches over the same box. Counts are
// log-scaled so sparse outskirts stay visible beside dense cores.
import type { MapData } from '../../../../electron/core/api/view-types.js';

/**
 * Histogram cells along the longer side of the map: ~2√N, so a small map still forms blobs rather than single-point
 * specks.
 */
const gridCells = (count: number) => Math.min(384, Math.max(48, Math.round(2 * Math.sqrt(count))));

export interface DensityImage {
  canvas: HTMLCanvasElement;
  /** [left, bottom, right, top] in map coordinates, as BitmapLayer takes them. */
  bounds: [number, number, number, number];
  maxCount: number;
}

// A dark-to-bright ramp (deep blue → magenta → orange → pale yellow) that reads on the dark map.
const RAMP: [number, number, number][] = [
  [28, 16, 68],
  [110, 30, 130],
  [200, 60, 110],
  [250, 140, 60],
  [252, 240, 170],
];

function ramp(t: number): [number, number, number] {
  const f = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(f));
  const u = f - i;
  return [0, 1, 2].map((c) => Math.round(RAMP[i][c] + (RAMP[i + 1][c] - RAMP[i][c]) * u)) as [number, number, number];
}

/** The map's extent: the smallest and largest x and y of its points. */
export function mapBounds(map: Pick<MapData, 'count' | 'x' | 'y'>) {
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < map.count; i++) {
    minX = Math.min(minX, map.x[i]);
    maxX = Math.max(maxX, map.x[i]);
    minY = Math.min(minY, map.y[i]);
    maxY = Math.max(maxY, map.y[i]);
  }
  return { minX, maxX, minY, maxY };
}

export function densityImage(map: Pick<MapData, 'count' | 'x' | 'y'>): DensityImage | null {
  if (map.count === 0) return null;
  const bounds = mapBounds(map);
  const { maxX, maxY } = bounds;
  let { minX, minY } = bounds;
  // Pad by a cell so edge points are not clipped, and keep cells square.
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const cellSize = span / (gridCells(map.count) - 2);
  minX -= cellSize;
  minY -= cellSize;
  const width = Math.max(1, Math.ceil((maxX - minX) / cellSize) + 1);
  const height = Math.max(1, Math.ceil((maxY - minY) / cellSize) + 1);
  const counts = new Uint32Array(width * height);
  let maxCount = 0;
  for (let i = 0; i < map.count; i++) {
    const col = Math.floor((map.x[i] - minX) / cellSize);
    // Canvas row 0 is the top of the bitmap, i.e. the largest y.
    const row = height - 1 - Math.floor((map.y[i] - minY) / cellSize);
    const k = row * width + col;
    maxCount = Math.max(maxCount, ++counts[k]);
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(width, height);
  const scale = Math.log1p(maxCount - 1);
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    // Lone points start a quarter up the ramp so they stay visible at small scales.
    const t = 0.25 + (0.75 * Math.log1p(counts[k] - 1)) / Math.max(scale, 1e-6);
    const [r, g, b] = ramp(t);
    image.data.set([r, g, b, Math.round(120 + 135 * t)], 4 * k);
  }
  context.putImageData(image, 0, 0);
  return { canvas, bounds: [minX, minY, minX + width * cellSize, minY + height * cellSize], maxCount };
}
