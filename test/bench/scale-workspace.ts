// The synthetic survey-scale workspace the scale benches share: `count` objects with a
// `dim`-D clustered embedding and a 2-D map, no pixels, written the way the pipeline writes
// them (objects in the database, runs as .npy arrays).
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { inTransaction } from '../../electron/core/workspace/database.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { clusteredVectors } from './clustered-data.js';

/** Object names the scale benches label by: OBJ-0000000 … */
export function scaleObjectName(i: number): string {
  return `OBJ-${String(i).padStart(7, '0')}`;
}

export async function populateScaleWorkspace(
  dir: string,
  count: number,
  dim: number,
  sampleRss: () => void = () => undefined,
): Promise<void> {
  const workspace = Workspace.open(dir, { create: true });
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(workspace.db, {
    path: 'survey.h5',
    size: count,
    mtime_ms: 0,
    format: 'fits',
    ingested_at: at,
  });
  const ids = new Float64Array(count);
  const base = {
    modality: 'image' as const,
    file_id: fileId,
    hdu: 0,
    width: 64,
    height: 64,
    bands: 3,
    input_store: null,
    input_row: null,
  };
  const chunk = 50_000;
  for (let start = 0; start < count; start += chunk) {
    inTransaction(workspace.db, () => {
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        ids[i] = insertObject(
          workspace.db,
          {
            ...base,
            name: scaleObjectName(i),
            item_index: i,
            ra: (i * 0.000359) % 360,
            dec: ((i * 0.000173) % 180) - 90,
          },
          at,
        );
      }
    });
    sampleRss();
  }
  const { data } = clusteredVectors(count, dim, { clusters: 64, seed: 11 }).vectors;
  const write = async (
    kind: 'embedding' | 'score' | 'map',
    method: string,
    folder: string,
    values: Float32Array,
    columns: number,
    parent: string | null,
  ): Promise<string> => {
    const runId = startRun(workspace.db, {
      kind,
      method,
      modality: 'image',
      parentRun: parent,
      params: { synthetic: true },
    });
    await saveRunArray(folder, runId, { data: values, rows: count, columns, ids });
    finishRun(workspace.db, runId, 'done');
    return runId;
  };
  const embedding = await write('embedding', 'synthetic', workspace.paths.embeddings, data, dim, null);
  const coords = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    coords[2 * i] = data[i * dim] * 10;
    coords[2 * i + 1] = data[i * dim + 1] * 10;
  }
  await write('map', 'umap', workspace.paths.maps, coords, 2, embedding);
  sampleRss();
  workspace.close();
}
