// The brute-force VectorIndex used for small collections. It holds nothing but the vectors,
// so its saved form is a small JSON marker recording the shape it was built for; loading
// checks that shape against the vectors handed in, which catches a stale index.
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../../util/atomic-write.js';
import type { KnnGraph, VectorSet } from '../vectors.js';
import type { NeighbourResult, ProgressCallback, VectorIndex } from './vector-index.js';
import { exactKnnGraph, exactSearchMany, rowSquaredNorms } from './exact-knn.js';

const FORMAT = 'serendip-exact-index';

interface ExactIndexFile {
  format: typeof FORMAT;
  version: 1;
  count: number;
  dim: number;
}

export class ExactIndex implements VectorIndex {
  readonly exact = true;
  /** Each row's |x|², computed on the first search and kept: it is half the work of a search otherwise. */
  private norms: Float64Array | null = null;

  constructor(private readonly vectors: VectorSet) {}

  get count(): number {
    return this.vectors.count;
  }

  get dim(): number {
    return this.vectors.dim;
  }

  search(query: Float32Array, k: number): NeighbourResult {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} values, index dim is ${this.dim}`);
    return this.searchMany(query, k);
  }

  searchMany(queries: Float32Array, k: number): NeighbourResult {
    this.norms ??= rowSquaredNorms(this.vectors);
    return exactSearchMany(this.vectors, queries, k, this.norms);
  }

  knnGraph(k: number, options: { onProgress?: ProgressCallback } = {}): KnnGraph {
    return exactKnnGraph(this.vectors, k, options);
  }

  save(path: string): void {
    const file: ExactIndexFile = { format: FORMAT, version: 1, count: this.count, dim: this.dim };
    writeFileAtomicSync(path, JSON.stringify(file) + '\n');
  }
}

/** True when the first bytes of a file are those of a saved ExactIndex. */
export function isExactIndexFile(head: Uint8Array): boolean {
  return Buffer.from(head).toString('latin1').startsWith(`{"format":"${FORMAT}"`);
}

export function loadExactIndex(path: string, vectors: VectorSet): ExactIndex {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ExactIndexFile;
  if (file.format !== FORMAT || file.version !== 1) throw new Error(`${path}: not a saved exact index`);
  if (file.count !== vectors.count || file.dim !== vectors.dim) {
    throw new Error(
      `${path}: index was built for ${file.count} × ${file.dim} vectors, given ${vectors.count} × ${vectors.dim}`,
    );
  }
  return new ExactIndex(vectors);
}
