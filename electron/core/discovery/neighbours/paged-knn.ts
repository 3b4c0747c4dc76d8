// Exact nearest neighbours of one query read straight from a run's .npy files a page at a time, for
// embeddings too large to load (100M × 32 float32 is 12.8 GB; Node holds no typed array past 2^32
// values). Memory is one page plus the k best rows, whatever the run's size. The arithmetic is that
// of exact-knn.ts for a single query (|q|² + |x|² − 2 q·x summed in the same order, in doubles, and
// ties broken by the lower row), so a scan gives the same rows and distances, to the bit, as the
// exact index over the same vectors loaded whole.
import { integersAsNumbers, openNpyPages, type NpyPageReader } from '../../formats/arrays/npy-pages.js';

/** Rows nearest first, with their Euclidean distances (rows as doubles: a scan may pass 2^31 rows). */
export interface PagedNeighbours {
  rows: Float64Array;
  distances: Float32Array;
}

/** Values read per page: 8 MB of float32. */
const PAGE_VALUES = 1 << 21;

export interface PageOptions {
  /** Values read per page (default 8 MB of float32); tests make it tiny to cross page boundaries. */
  pageValues?: number;
  signal?: AbortSignal;
}

function rowsPerPage(reader: NpyPageReader, options: PageOptions): number {
  return Math.max(1, Math.floor((options.pageValues ?? PAGE_VALUES) / Math.max(1, reader.rowLength)));
}

/** The row of each of `ids` in an id column (.npy of integers), found by reading it page by page. */
export function findRowsOfIds(idsPath: string, ids: readonly number[], options: PageOptions = {}): Map<number, number> {
  const wanted = new Set(ids);
  const rows = new Map<number, number>();
  const reader = openNpyPages(idsPath);
  try {
    const pageRows = rowsPerPage(reader, options);
    for (let start = 0; start < reader.rows && rows.size < wanted.size; start += pageRows) {
      options.signal?.throwIfAborted();
      const page = integersAsNumbers(reader.read(start, Math.min(pageRows, reader.rows - start)));
      for (let i = 0; i < page.length; i++) if (wanted.has(page[i]) && !rows.has(page[i])) rows.set(page[i], start + i);
    }
    return rows;
  } finally {
    reader.close();
  }
}

/** The values of `rows` of an open .npy, one row after another. */
export function readRowsAt(reader: NpyPageReader, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * reader.rowLength);
  rows.forEach((row, i) => out.set(reader.read(row, 1) as Float32Array, i * reader.rowLength));
  return out;
}

/** The ids at `rows` of an id column. */
export function idsAtRows(idsPath: string, rows: readonly number[]): number[] {
  const reader = openNpyPages(idsPath);
  try {
    return rows.map((row) => integersAsNumbers(reader.read(row, 1))[0]);
  } finally {
    reader.close();
  }
}

/**
 * The mean of `rows` of `vectors` (`dim` wide), as similar-to-set.ts computes it: summed in
 * doubles in the order given, then divided and rounded to float32.
 */
export function centroidOf(vectors: Float32Array, dim: number): Float32Array {
  const count = vectors.length / dim;
  const sum = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let d = 0; d < dim; d++) sum[d] += vectors[r * dim + d];
  const centroid = new Float32Array(dim);
  for (let d = 0; d < dim; d++) centroid[d] = sum[d] / count;
  return centroid;
}

/** The k rows of a float32 .npy (rows × dim) nearest to `query`, nearest first; Euclidean distances. */
export function pagedExactSearch(
  dataPath: string,
  query: Float32Array,
  k: number,
  options: PageOptions = {},
): PagedNeighbours {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const reader = openNpyPages(dataPath);
  try {
    if (reader.dtype !== '<f4') throw new Error(`${dataPath}: expected float32 rows, found ${reader.dtype}`);
    const dim = reader.rowLength;
    if (query.length !== dim) throw new RangeError(`query has ${query.length} values, the rows have ${dim}`);
    let queryNorm = 0;
    for (let d = 0; d < dim; d++) queryNorm += query[d] * query[d];
    const best = new WorstFirstHeap(Math.min(k, reader.rows));
    const pageRows = rowsPerPage(reader, options);
    for (let start = 0; start < reader.rows; start += pageRows) {
      options.signal?.throwIfAborted();
      const count = Math.min(pageRows, reader.rows - start);
      const data = reader.read(start, count) as Float32Array;
      for (let i = 0; i < count; i++) {
        const x = i * dim;
        let norm = 0;
        for (let d = x, end = x + dim; d < end; d++) norm += data[d] * data[d];
        let s = 0;
        for (let d = 0; d < dim; d++) s += query[d] * data[x + d];
        const squared = queryNorm + norm - 2 * s;
        // Not NaN and not infinite, as the exact search's top-k never keeps those either.
        if (squared < Infinity) best.offer(squared, start + i);
      }
    }
    return best.sorted();
  } finally {
    reader.close();
  }
}

/** The `capacity` smallest (squared distance, row) pairs seen, the largest at the root. */
class WorstFirstHeap {
  private readonly squared: Float64Array;
  private readonly rows: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.squared = new Float64Array(capacity);
    this.rows = new Float64Array(capacity);
  }

  /** Whether entry a ranks after entry b: farther, or as far with a higher row. */
  private after(a: number, b: number): boolean {
    return this.squared[a] > this.squared[b] || (this.squared[a] === this.squared[b] && this.rows[a] > this.rows[b]);
  }

  private swap(a: number, b: number): void {
    [this.squared[a], this.squared[b]] = [this.squared[b], this.squared[a]];
    [this.rows[a], this.rows[b]] = [this.rows[b], this.rows[a]];
  }

  offer(squared: number, row: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      this.squared[i] = squared;
      this.rows[i] = row;
      while (i > 0 && this.after(i, (i - 1) >> 1)) {
        this.swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
      return;
    }
    if (squared > this.squared[0] || (squared === this.squared[0] && row > this.rows[0])) return;
    this.squared[0] = squared;
    this.rows[0] = row;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < this.size && this.after(left, largest)) largest = left;
      if (right < this.size && this.after(right, largest)) largest = right;
      if (largest === i) break;
      this.swap(i, largest);
      i = largest;
    }
  }

  /** Nearest first, distances as the exact search gives them (rounding can dip a square below 0). */
  sorted(): PagedNeighbours {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.squared[a] - this.squared[b] || this.rows[a] - this.rows[b],
    );
    return {
      rows: Float64Array.from(order, (i) => this.rows[i]),
      distances: Float32Array.from(order, (i) => Math.sqrt(Math.max(0, this.squared[i]))),
    };
  }
}
