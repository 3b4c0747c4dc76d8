// A finished embedding run of seeded clustered vectors, written straight into a workspace,
// for tests of the steps after `embed` (rank, map) without generating and embedding images.
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { clusteredVectors } from '../bench/clustered-data.js';

/** Adds an embedding run of `count` × `dim` vectors with object ids 1..count; returns its run id. */
export async function addSyntheticEmbedding(
  workspace: Workspace,
  count: number,
  dim: number,
  seed = 1,
): Promise<string> {
  const { vectors } = clusteredVectors(count, dim, { seed });
  const runId = startRun(workspace.db, {
    kind: 'embedding',
    method: 'features',
    modality: 'image',
    params: { synthetic: true },
  });
  const ids = Float64Array.from({ length: count }, (_, i) => i + 1);
  await saveRunArray(workspace.paths.embeddings, runId, { data: vectors.data, rows: count, columns: dim, ids });
  finishRun(workspace.db, runId, 'done');
  return runId;
}
