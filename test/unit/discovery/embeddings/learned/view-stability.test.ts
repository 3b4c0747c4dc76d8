// Embedding stability under augmentations: known answers for the pieces (an encoder the views cannot
// move gives 0; a view that shifts every pixel by 1 moves a mean-pixel encoder by exactly 1; the
// typical neighbour distance of points at 0, 1, 3, 6 is 1.5), then a real small learned run, whose
// saved stability is finite and ≥ 0 for every object, the same through tfjs and onnxruntime, and
// exported as `embedding_stability` (empty for an embedding that is not learned).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  meanViewDistance,
  typicalNeighbourDistance,
  viewStability,
  type ViewMaker,
} from '../../../../../electron/core/discovery/embeddings/learned/view-stability.js';
import { loadStability } from '../../../../../electron/core/discovery/embeddings/learned/stability-file.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { getRun } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import { buildExportTable } from '../../../../../electron/core/export/export-table.js';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { SMALL_OBJECTS, smallImageWorkspace } from '../../../../helpers/small-image-workspace.js';
import { addEmbeddingRun, addNamedObjects } from '../../../../helpers/named-objects.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-stability-');

const INPUT = 6;
const COUNT = 3;
/** Inputs 0..17: object i's pixels are 6i .. 6i + 5. */
const batch = Float32Array.from({ length: COUNT * INPUT }, (_, i) => i);
const shiftByOne: ViewMaker = (src, dst) => dst.set(src.map((v) => v + 1));
const meanPixel = async (inputs: Float32Array, n: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => inputs.subarray(i * INPUT, (i + 1) * INPUT).reduce((a, b) => a + b) / INPUT,
  );
const options = { count: COUNT, dim: 1, inputLength: INPUT, rows: [0, 1, 2], seed: 0, makeView: shiftByOne };

describe('meanViewDistance', () => {
  it('is 0 for an encoder the augmentations cannot move', async () => {
    const constant = async (_inputs: Float32Array, n: number) => new Float32Array(n).fill(0.5);
    const vectors = await constant(batch, COUNT);
    expect(Array.from(await meanViewDistance(batch, vectors, { ...options, encode: constant }))).toEqual([0, 0, 0]);
  });

  it('is how far the views move the encoding: 1 for a +1 shift under a mean-pixel encoder', async () => {
    const vectors = await meanPixel(batch, COUNT);
    expect(Array.from(await meanViewDistance(batch, vectors, { ...options, encode: meanPixel }))).toEqual([1, 1, 1]);
  });

  it('draws views from the object’s own seed, so its figure does not depend on the batch around it', async () => {
    const jitter: ViewMaker = (src, dst, random) => dst.set(src.map((v) => v + random.nextGaussian()));
    const all = await meanViewDistance(batch, await meanPixel(batch, COUNT), {
      ...options,
      makeView: jitter,
      encode: meanPixel,
    });
    const last = batch.subarray(2 * INPUT);
    const alone = await meanViewDistance(last, await meanPixel(last, 1), {
      ...options,
      count: 1,
      rows: [2],
      makeView: jitter,
      encode: meanPixel,
    });
    expect(all[2]).toBeGreaterThan(0);
    expect(alone[0]).toBe(all[2]);
  });
});

describe('typicalNeighbourDistance', () => {
  it('is the median distance to the nearest other object', () => {
    // Points 0, 1, 3, 6: nearest distances 1, 1, 2, 3; median 1.5.
    expect(typicalNeighbourDistance(Float32Array.from([0, 1, 3, 6]), 4, 1)).toBe(1.5);
    expect(Array.from(viewStability(Float32Array.from([0.75, 3]), 1.5))).toEqual([0.5, 2]);
  });
});

describe('a learned run’s stability', () => {
  const BASE: LearnedEmbeddingOptions = {
    method: 'contrastive',
    dim: 4,
    epochs: 1,
    batchSize: 8,
    seed: 3,
    backend: 'wasm',
    inProcess: true,
  };

  it('is finite and ≥ 0 for every object, the same through tfjs and onnxruntime, and exported', async () => {
    const stabilities: Float32Array[] = [];
    for (const encodeEngine of ['tfjs', 'onnx'] as const) {
      const workspace = smallImageWorkspace(join(tempDir(), encodeEngine));
      try {
        const { runId } = await runLearnedEmbedding(workspace, { ...BASE, encodeEngine });
        const stability = loadStability(workspace.paths.embeddings, runId)!;
        expect(stability.rows).toBe(SMALL_OBJECTS);
        for (const value of stability.data) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
        expect(stability.data.some((v) => v > 0)).toBe(true);
        const params = JSON.parse(getRun(workspace.db, runId)!.params);
        expect(params).toMatchObject({ stability_views: 4, stability_neighbour_distance: expect.any(Number) });
        const table = buildExportTable(workspace);
        const column = table.columns.find((c) => c.name === 'embedding_stability')!.values;
        const rowOf = new Map(Array.from(stability.ids, (id, r) => [id, r]));
        expect(column).toEqual(table.ids.map((id) => stability.data[rowOf.get(id)!]));
        stabilities.push(stability.data);
      } finally {
        workspace.close();
      }
    }
    const [tfjs, onnx] = stabilities;
    for (let i = 0; i < tfjs.length; i++) expect(onnx[i]).toBeCloseTo(tfjs[i], 3);
  }, 120_000);

  it('is empty in the export for an embedding that is not learned', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    try {
      const ids = addNamedObjects(workspace, 3);
      await addEmbeddingRun(workspace, ids, Float32Array.from([0, 1, 2, 3, 4, 5]));
      const table = buildExportTable(workspace);
      expect(table.columns.find((c) => c.name === 'embedding_stability')!.values).toEqual([null, null, null]);
    } finally {
      workspace.close();
    }
  });
});
