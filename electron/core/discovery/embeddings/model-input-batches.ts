// Streams a workspace's stored model inputs (inputs/<store>.npy, float16 rows) in batches
// of whole objects, in object-id order, with the objects' ids: the one way embeddings read
// pixels, so that no step ever holds the whole collection (1M inputs of 64×64×3 are 24 GB as
// float16). Rows that are contiguous on disk are read with one call. A seeded sample of
// positions reads only those objects, still in order. A merged workspace keeps its shards'
// inputs in their folders (inputs/<key>/<store>, see shards/merge/shard-links.ts): a store is
// named by its layout, and the reader reads every file of that layout.
import { join } from 'node:path';
import { NpyRowFile, readRowRuns } from '../../formats/arrays/npy-row-file.js';
import { fromFloat16Bits } from '../../formats/arrays/float16.js';
import { iterateObjectsInStores } from '../../workspace/repositories/objects-repo.js';
import type { Db } from '../../workspace/database.js';
import type { Workspace } from '../../workspace/workspace.js';
import { missingShardFolder } from '../../shards/merge/shard-links.js';
import { SeededRandom } from '../seeded-random.js';
import { gridsSpan } from '../../ingest/spectrum-grid.js';

export interface ImageInputStore {
  /** File name under inputs/, e.g. image-64x64x3.npy. */
  name: string;
  /** Objects of the modality whose model input lives there. */
  objects: number;
}

/** The layout part of a stored input_store ('<key>/image-64x64x3.npy' → 'image-64x64x3.npy'), in SQL. */
const LAYOUT_SQL = "substr(input_store, instr(input_store, '/') + 1)";

/** Stores holding model inputs of one modality, the most used first; one layout in several folders is one store. */
export function inputStores(db: Db, modality: 'image' | 'spectrum'): ImageInputStore[] {
  return db
    .prepare(
      `SELECT ${LAYOUT_SQL} AS name, count(*) AS objects FROM objects
       WHERE modality = ? AND input_store IS NOT NULL AND input_row IS NOT NULL
       GROUP BY 1 ORDER BY objects DESC, 1`,
    )
    .all(modality) as ImageInputStore[];
}

/** Why there is nothing of `modality` to embed, and what to do: the one message every embedding run gives. */
export function noModelInputs(modality: 'image' | 'spectrum'): string {
  return modality === 'image'
    ? 'no image model inputs to embed: ingest some images first'
    : 'no spectrum has a model input to embed: ingest some spectra first ' +
        `(one outside every model grid, ${gridsSpan()}, has none)`;
}

/** Stores holding image model inputs, the most used first. */
export function imageInputStores(db: Db): ImageInputStore[] {
  return inputStores(db, 'image');
}

/** The files of a store as objects record them: the workspace's own and its merged shards' (just one, if linked). */
function filesOfStore(db: Db, store: string): string[] {
  if (store.includes('/')) return [store];
  const stored = db
    .prepare(`SELECT DISTINCT input_store FROM objects WHERE ${LAYOUT_SQL} = ? ORDER BY input_store`)
    .pluck()
    .all(store) as string[];
  return stored.length > 0 ? stored : [store];
}

function openStoreFile(workspace: Workspace, store: string): NpyRowFile {
  const parts = store.split('/');
  if (parts.length > 2 || parts.some((p) => p === '' || p === '.' || p === '..'))
    throw new Error(`invalid model-input store name: ${store}`);
  try {
    return NpyRowFile.openReadOnly(join(workspace.paths.inputs, store));
  } catch (err) {
    const gone = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const missing = gone ? missingShardFolder(workspace.paths.inputs, store) : null;
    throw missing ? new Error(missing) : err;
  }
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
    private readonly files: NpyRowFile[],
    readonly store: string,
    /** Object ids in id order; position i's input is row storeRows[i] of files[fileOf[i]]. */
    readonly ids: Float64Array,
    private readonly storeRows: Int32Array,
    /** Which file each position is in; null when there is one. */
    private readonly fileOf: Int32Array | null,
    /** Objects whose recorded row is past the end of the store (an interrupted ingest): left out. */
    readonly skipped: number,
  ) {}

  /**
   * Opens an image store (rows [size, size, bands]) or, with `spectra`, a spectrum store (rows [length, channels]):
   * every file of that layout, in a merged workspace.
   */
  static open(workspace: Workspace, store: string, options: { spectra?: boolean } = {}): ModelInputReader {
    const stores = filesOfStore(workspace.db, store);
    const files: NpyRowFile[] = [];
    try {
      for (const name of stores) files.push(openStoreFile(workspace, name));
      const shape = files[0].rowShape;
      const fits = options.spectra ? shape.length === 2 : shape.length === 3 && shape[0] === shape[1];
      files.forEach((file, i) => {
        if (fits && file.dtype === '<f2' && file.rowShape.join() === shape.join()) return;
        const what = options.spectra ? 'float16 spectrum inputs' : 'square float16 image inputs';
        throw new Error(`${stores[i]} does not hold ${what} (rows of ${file.dtype} [${file.rowShape.join(', ')}])`);
      });
      const fileIndex = new Map(stores.map((name, i) => [name, i]));
      const listed = [...iterateObjectsInStores(workspace.db, stores)];
      const ids = new Float64Array(listed.length);
      const rows = new Int32Array(listed.length);
      const fileOf = files.length > 1 ? new Int32Array(listed.length) : null;
      let kept = 0;
      for (const { id, input_store, input_row } of listed) {
        const f = fileIndex.get(input_store)!;
        if (input_row < 0 || input_row >= files[f].rowCount) continue;
        ids[kept] = id;
        rows[kept] = input_row;
        if (fileOf) fileOf[kept] = f;
        kept++;
      }
      const positionsFiles = fileOf ? fileOf.slice(0, kept) : null;
      const skipped = listed.length - kept;
      return new ModelInputReader(files, store, ids.slice(0, kept), rows.slice(0, kept), positionsFiles, skipped);
    } catch (err) {
      for (const file of files) file.close();
      throw err;
    }
  }

  private get file(): NpyRowFile {
    return this.files[0];
  }

  /** Position i's row in the store's one file, which learned models read themselves. */
  get rows(): Int32Array {
    if (this.fileOf)
      throw new Error(
        `this merged workspace's ${this.store} inputs are in ${this.files.length} folders, and a learned model ` +
          'reads one: train in a shard, `serendip export-model` its encoder, and embed here with `embed --model`',
      );
    return this.storeRows;
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

  /** Inputs of the objects at(0..count), read file by file in runs of positions that share one. */
  private readObjects(count: number, at: (k: number) => number): Uint16Array {
    const rowsOf = (from: number, to: number) =>
      Int32Array.from({ length: to - from }, (_, j) => this.storeRows[at(from + j)]);
    const fileOf = this.fileOf;
    if (!fileOf) return readRowRuns(this.file, rowsOf(0, count)) as Uint16Array;
    const out = new Uint16Array(count * this.rowLength);
    for (let k = 0; k < count;) {
      const file = fileOf[at(k)];
      let end = k + 1;
      while (end < count && fileOf[at(end)] === file) end++;
      out.set(readRowRuns(this.files[file], rowsOf(k, end)) as Uint16Array, k * this.rowLength);
      k = end;
    }
    return out;
  }

  close(): void {
    for (const file of this.files) file.close();
  }
}
