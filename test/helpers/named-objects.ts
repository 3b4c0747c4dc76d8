// Objects o0, o1, … with no pixels, one source file, and an embedding run over them: for
// tests of what comes after `embed` that need names to label by.
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';

/** Inserts `count` objects named o0..o{count−1} (item index = number); returns their ids in order. */
export function addNamedObjects(workspace: Workspace, count: number): Float64Array {
  const { db } = workspace;
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(db, { path: 'set.h5', size: 1, mtime_ms: 0, format: 'hdf5', ingested_at: at });
  const base = {
    modality: 'image' as const,
    file_id: fileId,
    hdu: 0,
    width: 8,
    height: 8,
    bands: 1,
    input_store: null,
    input_row: null,
    ra: null,
    dec: null,
  };
  return Float64Array.from({ length: count }, (_, i) =>
    insertObject(db, { ...base, name: `o${i}`, item_index: i }, at),
  );
}

/** A finished embedding run holding `data` (ids.length × dim) for the objects `ids`; returns its id. */
export async function addEmbeddingRun(workspace: Workspace, ids: Float64Array, data: Float32Array): Promise<string> {
  const run = startRun(workspace.db, { kind: 'embedding', method: 'synthetic', modality: 'image' });
  await saveRunArray(workspace.paths.embeddings, run, {
    data,
    rows: ids.length,
    columns: data.length / ids.length,
    ids,
  });
  finishRun(workspace.db, run, 'done');
  return run;
}
