// Objects with model inputs and nothing else, written straight into a workspace: one store of
// float16 rows, one source file, and an object per row, as ingest would leave them. For tests
// of what reads model inputs (embedding, training) that need no real image or spectrum files.
import { join } from 'node:path';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits, toFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';

export interface InputObjectsSpec {
  modality: 'image' | 'spectrum';
  /** The store's file name under inputs/, and the shape of one row in it. */
  store: string;
  rowShape: number[];
  /** What the objects table records of every object's pixels. */
  width: number;
  height: number;
  bands: number;
  hdu: number;
  /** The one source file (path as recorded) every object comes from. */
  sourcePath: string;
  /** Object i is named `${namePrefix}${i}`, with item index i. */
  namePrefix: string;
  count: number;
  /** Object i's input values, stored as float16. */
  row: (i: number) => Float32Array;
}

/** Adds the objects; returns the stored inputs read back as float32, row after row in id order. */
export function addInputObjects(workspace: Workspace, spec: InputObjectsSpec): Float32Array {
  const path = join(workspace.paths.inputs, spec.store);
  const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: spec.rowShape });
  const at = new Date().toISOString();
  const source = { path: spec.sourcePath, size: 1, mtime_ms: 0, format: 'fits', ingested_at: at };
  const fileId = upsertSourceFile(workspace.db, source);
  const { modality, width, height, bands, hdu, store } = spec;
  const rowLength = spec.rowShape.reduce((a, b) => a * b, 1);
  const stored = new Float32Array(spec.count * rowLength);
  for (let i = 0; i < spec.count; i++) {
    const bits = toFloat16Bits(spec.row(i));
    stored.set(fromFloat16Bits(bits), i * rowLength);
    const row = file.appendRows(bits);
    const object = { modality, file_id: fileId, hdu, ra: null, dec: null, width, height, bands, input_store: store };
    insertObject(workspace.db, { ...object, name: `${spec.namePrefix}${i}`, item_index: i, input_row: row }, at);
  }
  file.close();
  return stored;
}
