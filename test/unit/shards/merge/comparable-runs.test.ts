import { describe, expect, it } from 'vitest';
import { modelIdentity, sortShardRuns } from '../../../../electron/core/shards/merge/comparable-runs.js';
import type { RunRow } from '../../../../electron/core/workspace/repositories/runs-repo.js';

const SHA_A = 'a'.repeat(64);
const SHA_F = 'f'.repeat(64);

let created = 0;
function run(id: string, kind: RunRow['kind'], method: string, params: object, parent: string | null = null): RunRow {
  created++;
  return {
    id,
    kind,
    method,
    modality: 'image',
    params: JSON.stringify(params),
    status: 'done',
    message: null,
    parent_run: parent,
    created: `2026-01-01T00:00:${String(created).padStart(2, '0')}.000Z`,
    finished: null,
    owner: null,
  };
}

describe('comparable runs', () => {
  it('are identified by the hash of the model, fitted file or imported file that fixed them', () => {
    expect(modelIdentity(run('e', 'embedding', 'onnx', { model: { sha256: SHA_A } }))).toBe(`model ${SHA_A}`);
    expect(modelIdentity(run('p', 'embedding', 'pca', { fitted: { kind: 'pca', sha256: SHA_F } }))).toBe(
      `pca ${SHA_F}`,
    );
    expect(modelIdentity(run('i', 'score', 'imported', { sha256: SHA_A }))).toBe(`file ${SHA_A}`);
    expect(modelIdentity(run('q', 'embedding', 'pca', { dim: 8 }))).toBeNull();
    expect(modelIdentity(run('u', 'map', 'umap', { model: { sha256: SHA_A } }))).toBeNull();
  });

  it("key a run by its kind, method, model and its parent's key; the rest are not carried, with the reason", () => {
    const runs = [
      run('ingest', 'ingest', 'files', {}),
      run('onnx-old', 'embedding', 'onnx', { model: { sha256: SHA_A } }),
      run('onnx', 'embedding', 'onnx', { model: { sha256: SHA_A } }),
      run('forest', 'score', 'iforest', { fitted: { kind: 'forest', sha256: SHA_F } }, 'onnx'),
      run('pca', 'embedding', 'pca', {}),
      run('forest-on-pca', 'score', 'iforest', { fitted: { kind: 'forest', sha256: SHA_F } }, 'pca'),
      run('umap', 'map', 'umap', {}, 'onnx'),
      { ...run('failed', 'embedding', 'onnx', { model: { sha256: SHA_F } }), status: 'failed' as const },
    ];
    const { byKey, notCarried } = sortShardRuns(runs);
    const embeddingKey = `embedding/onnx/image model ${SHA_A}`;
    const forestKey = `score/iforest/image forest ${SHA_F} of ${embeddingKey}`;
    expect([...byKey.keys()]).toEqual([embeddingKey, forestKey]);
    expect(byKey.get(embeddingKey)).toMatchObject({ run: { id: 'onnx' }, depth: 0, parentKey: null });
    expect(byKey.get(forestKey)).toMatchObject({
      run: { id: 'forest' },
      depth: 1,
      parentKey: embeddingKey,
      family: 'score/iforest/image of embedding/onnx/image',
      title: `iforest score (forest ${SHA_F.slice(0, 12)}) of the onnx embedding (model ${SHA_A.slice(0, 12)})`,
    });
    expect(notCarried.map((n) => [n.run.id, n.reason])).toEqual([
      ['onnx-old', 'run onnx of the same model is newer'],
      ['pca', 'no fixed model made it, so it is not comparable across shards'],
      ['forest-on-pca', 'the run it was made from is not comparable across shards'],
      ['umap', 'no fixed model made it, so it is not comparable across shards'],
    ]);
  });
});
