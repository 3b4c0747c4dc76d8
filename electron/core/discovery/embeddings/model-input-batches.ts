// Streams a workspace's stored model inputs (inputs/<store>.npy, float16 rows) in batches
// of whole objects, in object-id order, with the objects' ids: the one way embeddings read
// pixels, so that no step ever holds the whole collection (1M inputs of 64×64×3 are 24 GB as
// float16). Rows that are contiguous on disk are read with one call. A seeded sample of
// positions reads only those objects, still in order.
import { basename, join } from 'node:path';
import { NpyRowFile, readRowRuns } from '../../formats/arrays/npy-row-file.js';
import { fromFloat16Bits } from '../../formats/arrays/float16.js';
import { listObjectsInStore } from '../../workspace/repositories/objects-repo.js';
import type { Db } from '../../workspace/database.js';
import type { Workspace } from '../../workspace/workspace.js';
import { SeededRandom } from '../seeded-random.js';

export interface ImageInputStore {
  /** File name under inputs/, e.g. image-64x64x3.npy. */
  name: string;
  /** Objects of the modality whose model input lives there. */
  objects: number;
}

/** Stores holding model inputs of one modality, the most used first. */
export function inputStores(db: Db, modality: 'image' | 'spectrum'): ImageInputStore[] {
  return db
    .prepare(
      `SELECT input_store AS name, count(*) AS objects FROM objects
       WHERE modality = ? AND input_store IS NOT NULL AND input_row IS NOT NULL
       GROUP BY input_store ORDER BY objects DESC, name`,
    )
    .all(modality) as ImageInputStore[];
}

/** Stores holding image model inputs, the most used first. */
export function imageInputStores(db: Db): ImageInputStore[] {
  return inputStores(db, 'image');
}

export interface ModelInputBatch {
  /** Position of the batch's first object among all the reader's objects (or among the sample's). */
  start: number;
  count: number;
  /** Object ids, in order (SQLite integer ids, exact in a double). */
  ids: Float64Array;
  /** count × size × size × bands float16 bits, HWC, row after row. */
  half: Uint16Array;
}

/** The batch's inputs as float32 (NaN stays NaN). */
export function decodeBatch(batch: ModelInputBatch): Float32Array {
  return fromFloat16Bits(batch.half);
}

/** `size` distinct positions in [0, total), seeded, in increasing order (so reads go forward). */
export function samplePositions(total: number, size: number, seed: number): Int32Array {
  const positions = new SeededRandom(seed).sampleWithoutReplacement(total, Math.min(size, total));
  return positions.sort();
}

export class ModelInputReader {
  private constructor(
    private readonly file: NpyRowFile,
    readonly store: string,
    /** Object ids in id order; position i's input is row rows[i]. */
    readonly ids: Float64Array,
    readonly rows: Int32Array,
    /** Objects whose recorded row is past the end of the store (an interrupted ingest): left out. */
    readonly skipped: number,
  ) {}

  /** Opens an image store (rows [size, size, bands]) or, with `spectra`, a spectrum store (rows [length, channels]). */
  static open(workspace: Workspace, store: string, options: { spectra?: boolean } = {}): ModelInputReader {
    if (basename(store) !== store) throw new Error(`invalid model-input store name: ${store}`);
    const file = NpyRowFile.openReadOnly(join(workspace.paths.inputs, store));
    try {
      const shape = file.rowShape;
      const fits = options.spectra ? shape.length === 2 : shape.length === 3 && shape[0] === shape[1];
      if (!fits || file.dtype !== '<f2') {
        const what = options.spectra ? 'float16 spectrum inputs' : 'square float16 image inputs';
        throw new Error(`${store} does not hold ${what} (rows of ${file.dtype} [${shape.join(', ')}])`);
      }
      const listed = listObjectsInStore(workspace.db, store);
      const ids = new Float64Array(listed.length);
      const rows = new Int32Array(listed.length);
      let kept = 0;
      for (const { id, input_row } of listed) {
        if (input_row < 0 || input_row >= file.rowCount) continue;
        ids[kept] = id;
        rows[kept] = input_row;
        kept++;
      }
      return new ModelInputReader(file, store, ids.slice(0, kept), rows.slice(0, kept), listed.length - kept);
    } catch (err) {
      file.close();
      throw err;
    }
  }

  get count(): number {
    return this.ids.length;
  }

  /** Image side (or spectrum length). */
  get size(): number {
    return this.file.rowShape[0];
  }

  /** Image bands (or spectrum channels). */
  get bands(): number {
    return this.file.rowShape[this.file.rowShape.length - 1];
  }

  /** Values in one model input. */
  get rowLength(): number {
    return this.file.rowLength;
  }

  /** Batches of up to `batchSize` objects: all of them, or those at `positions` (increasing). */
  *batches(batchSize: number, positions?: Int32Array): Generator<ModelInputBatch> {
    const total = positions ? positions.length : this.count;
    for (let start = 0; start < total; start += batchSize) {
      const count = Math.min(batchSize, total - start);
      const ids = new Float64Array(count);
      const at = (k: number): number => (positions ? positions[start + k] : start + k);
      for (let k = 0; k < count; k++) ids[k] = this.ids[at(k)];
      yield { start, count, ids, half: this.readObjects(count, at) };
    }
  }

  /** Inputs of the objects at(0..count). */
  private readObjects(count: number, at: (k: number) => number): Uint16Array {
    return readRowRuns(
      this.file,
      Int32Array.from({ length: count }, (_, k) => this.rows[at(k)]),
    ) as Uint16Array;
  }

  close(): void {
    this.file.close();
  }
}
