// A small workspace of synthetic image model inputs (float16, HWC, seeded values in the range
// of the asinh stretch) for ONNX tests and benchmarks, and the stored values read back as
// float32, which is what a direct computation must start from.
import { join } from 'node:path';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits, toFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { seededValues } from './onnx-model-builder.js';

export interface OnnxTestWorkspace {
  workspace: Workspace;
  /** The stored inputs as float32, object after object (HWC), in id order. */
  stored: Float32Array;
  size: number;
  bands: number;
  objects: number;
}

export function onnxTestWorkspace(dir: string, objects: number, size: number, bands = 3): OnnxTestWorkspace {
  const workspace = Workspace.open(dir, { create: true });
  const store = `image-${size}x${size}x${bands}.npy`;
  const file = NpyRowFile.openOrCreate(join(workspace.paths.inputs, store), { dtype: '<f2', rowShape: [size, size, bands] });
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(workspace.db, { path: 'cutouts.fits', size: 1, mtime_ms: 0, format: 'fits', ingested_at: at });
  const rowLength = size * size * bands;
  const stored = new Float32Array(objects * rowLength);
  for (let i = 0; i < objects; i++) {
    const bits = toFloat16Bits(seededValues(rowLength, i + 1, 3));
    stored.set(fromFloat16Bits(bits), i * rowLength);
    const row = file.appendRows(bits);
    insertObject(workspace.db, { modality: 'image', file_id: fileId, hdu: 0, ra: null, dec: null, width: size, height: size, bands, input_store: store, name: `g${i}`, item_index: i, input_row: row }, at);
  }
  file.close();
  return { workspace, stored, size, bands, objects };
}
