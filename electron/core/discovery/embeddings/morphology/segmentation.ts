// Which pixels belong to the galaxy: a 3×3 box-smoothed detection image is thresholded a
// little above the noise, and the pixels above it that are 8-connected to the brightest
// pixel near the centre form the main segment. Bright sources not connected to it are
// labelled as neighbours, so that apertures can leave them out. Smoothing first keeps
// single noise pixels from joining or splitting the segment.

export const LABEL_SKY = 0;
export const LABEL_MAIN = 1;
export const LABEL_NEIGHBOUR = 2;

/** 3×3 mean (over the in-frame neighbours at the edges) of a size×size image into `out`; `rowSums` is scratch. */
export function boxSmooth3(image: Float32Array, size: number, out: Float32Array, rowSums: Float32Array): void {
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      let sum = image[row + x];
      let count = 1;
      if (x > 0) {
        sum += image[row + x - 1];
        count++;
      }
      if (x < size - 1) {
        sum += image[row + x + 1];
        count++;
      }
      rowSums[row + x] = sum / count;
    }
  }
  // The in-frame neighbourhood is a rectangle, so the mean of row means is the 2-D mean.
  for (let y = 0; y < size; y++) {
    const above = y > 0 ? (y - 1) * size : -1;
    const below = y < size - 1 ? (y + 1) * size : -1;
    const count = 1 + (above >= 0 ? 1 : 0) + (below >= 0 ? 1 : 0);
    const row = y * size;
    for (let x = 0; x < size; x++) {
      let sum = rowSums[row + x];
      if (above >= 0) sum += rowSums[above + x];
      if (below >= 0) sum += rowSums[below + x];
      out[row + x] = sum / count;
    }
  }
}

/** The brightest pixel of `image` within `radius` of the frame centre; -1 when none is above `threshold`. */
export function centralPeak(image: Float32Array, size: number, radius: number, threshold: number): number {
  const centre = (size - 1) / 2;
  const lo = Math.max(0, Math.floor(centre - radius));
  const hi = Math.min(size - 1, Math.ceil(centre + radius));
  let best = -1;
  let bestValue = threshold;
  for (let y = lo; y <= hi; y++) {
    for (let x = lo; x <= hi; x++) {
      if ((x - centre) ** 2 + (y - centre) ** 2 > radius * radius) continue;
      const v = image[y * size + x];
      if (v > bestValue) {
        bestValue = v;
        best = y * size + x;
      }
    }
  }
  return best;
}

/** A list of pixels with their coordinates, filled by floodFill. */
export interface PixelList {
  pixels: Int32Array;
  xs: Int32Array;
  ys: Int32Array;
}

/**
 * Labels with `label` every unlabelled pixel above `threshold` that is 8-connected to `seed`,
 * appending them (index and coordinates) to `list` from entry `start`; the list doubles as
 * the breadth-first queue. Returns the new end of the list.
 */
export function floodFill(
  image: Float32Array,
  size: number,
  threshold: number,
  seed: number,
  label: number,
  labels: Uint8Array,
  list: PixelList,
  start: number,
): number {
  const { pixels, xs, ys } = list;
  labels[seed] = label;
  pixels[start] = seed;
  xs[start] = seed % size;
  ys[start] = (seed - xs[start]) / size;
  let head = start;
  let tail = start + 1;
  while (head < tail) {
    const x = xs[head];
    const y = ys[head];
    head++;
    const y0 = y > 0 ? y - 1 : y;
    const y1 = y < size - 1 ? y + 1 : y;
    const x0 = x > 0 ? x - 1 : x;
    const x1 = x < size - 1 ? x + 1 : x;
    for (let ny = y0; ny <= y1; ny++) {
      for (let nx = x0; nx <= x1; nx++) {
        const q = ny * size + nx;
        if (labels[q] === LABEL_SKY && image[q] > threshold) {
          labels[q] = label;
          pixels[tail] = q;
          xs[tail] = nx;
          ys[tail] = ny;
          tail++;
        }
      }
    }
  }
  return tail;
}

/**
 * Segments `smoothed`: the main source grown from `seed` above `threshold` (its pixels are
 * entries 0..returned of `main`), then every other component above `threshold` that peaks
 * above `neighbourPeak` as a neighbour (listed in `scratch`, which is then overwritten).
 */
export function segmentSources(
  smoothed: Float32Array,
  size: number,
  seed: number,
  threshold: number,
  neighbourPeak: number,
  labels: Uint8Array,
  main: PixelList,
  scratch: PixelList,
): number {
  labels.fill(LABEL_SKY);
  const mainCount = seed >= 0 ? floodFill(smoothed, size, threshold, seed, LABEL_MAIN, labels, main, 0) : 0;
  for (let p = 0; p < size * size; p++) {
    if (smoothed[p] > neighbourPeak && labels[p] === LABEL_SKY)
      floodFill(smoothed, size, threshold, p, LABEL_NEIGHBOUR, labels, scratch, 0);
  }
  return mainCount;
}
