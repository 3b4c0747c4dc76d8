// A service over `count` named objects on a line (object i at (i, 0)) with an embedding and an
// iforest score run rising along it: neighbours and rankings with known answers, no pixels.
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { addEmbeddingRun, addNamedObjects } from './named-objects.js';

export async function lineWorkspace(dir: string, count: number): Promise<SerendipService> {
  const service = SerendipService.open(dir, { create: true });
  const { db, paths } = service.workspace;
  const ids = addNamedObjects(service.workspace, count);
  const embedding = await addEmbeddingRun(
    service.workspace,
    ids,
    Float32Array.from({ length: count * 2 }, (_, j) => (j % 2 ? 0 : j / 2)),
  );
  const score = startRun(db, { kind: 'score', method: 'iforest', modality: 'image', parentRun: embedding });
  const data = Float32Array.from({ length: count }, (_, i) => i / count);
  await saveRunArray(paths.scores, score, { data, rows: count, columns: 1, ids });
  finishRun(db, score, 'done');
  return service;
}
