import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readNpyFile } from '../../../../electron/core/formats/arrays/npy.js';
import { NpyRowFile } from '../../../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits, toFloat16Bits } from '../../../../electron/core/formats/arrays/float16.js';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { insertObject } from '../../../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../../../electron/core/workspace/repositories/source-files-repo.js';
import { getRun, listRuns } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { runEmbedding } from '../../../../electron/core/discovery/embeddings/embedding-run.js';
import { featureNames } from '../../../../electron/core/discovery/embeddings/morphology/morphology-features.js';
import {
  ModelInputReader,
  decodeBatch,
  imageInputStores,
  samplePositions,
} from '../../../../electron/core/discovery/embeddings/model-input-batches.js';
import {
  pixelVectorLength,
  pixelVectorsFromHalf,
} from '../../../../electron/core/discovery/embeddings/pca/pixel-vectors.js';
import { embeddingWorkerScript } from '../../../../electron/core/discovery/embeddings/task-runner.js';
import { centreRows } from '../../../../electron/core/discovery/embeddings/pca/pca.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { galaxyInput } from './synthetic-galaxies.js';

const SIZE = 64;
const BANDS = 3;
const STORE = 'image-64x64x3.npy';
const ROW_LENGTH = SIZE * SIZE * BANDS;
const tempDir = useTempDir('serendip-embed-');

interface TinyWorkspace {
  workspace: Workspace;
  /** Object ids in id order, and the stored input row of each. */
  ids: number[];
  rows: number[];
  inputs: Uint16Array[];
}

/**
 * A workspace whose objects' rows are not all in id order (as after a re-ingest), plus one
 * object whose row was never written (an interrupted ingest).
 */
function tinyWorkspace(objects: number): TinyWorkspace {
  const workspace = Workspace.open(tempDir(), { create: true });
  const file = NpyRowFile.openOrCreate(join(workspace.paths.inputs, STORE), {
    dtype: '<f2',
    rowShape: [SIZE, SIZE, BANDS],
  });
  const inputs: Uint16Array[] = [];
  for (let i = 0; i < objects; i++) {
    const spec = {
      flux: 3000 + 400 * i,
      radius: 2 + (i % 5),
      sersic: 1 + (i % 3),
      axisRatio: 0.3 + 0.1 * (i % 7),
      angle: i,
      seed: i,
    };
    inputs.push(toFloat16Bits(galaxyInput(spec)));
  }
  for (const input of inputs) file.appendRows(input);
  file.close();
  const at = new Date().toISOString();
  const fileId = upsertSourceFile(workspace.db, {
    path: 'cutouts.fits',
    size: 1,
    mtime_ms: 0,
    format: 'fits',
    ingested_at: at,
  });
  // Object k (in id order) uses row order[k]: rows 2 and 3 swapped.
  const order = Array.from({ length: objects }, (_, k) => (k === 2 ? 3 : k === 3 ? 2 : k));
  const ids: number[] = [];
  const base = {
    modality: 'image' as const,
    file_id: fileId,
    hdu: 0,
    ra: null,
    dec: null,
    width: SIZE,
    height: SIZE,
    bands: BANDS,
    input_store: STORE,
  };
  order.forEach((row, k) =>
    ids.push(insertObject(workspace.db, { ...base, name: `g${k}`, item_index: k, input_row: row }, at)),
  );
  insertObject(workspace.db, { ...base, name: 'lost', item_index: objects, input_row: objects + 5 }, at);
  return { workspace, ids, rows: order, inputs };
}

describe('ModelInputReader', () => {
  it('streams inputs in id order, reading each object its own row, and leaves out rows past the end', () => {
    const tiny = tinyWorkspace(7);
    try {
      expect(imageInputStores(tiny.workspace.db)).toEqual([{ name: STORE, objects: 8 }]);
      const reader = ModelInputReader.open(tiny.workspace, STORE);
      expect(reader.count).toBe(7);
      expect(reader.skipped).toBe(1);
      expect([reader.size, reader.bands, reader.rowLength]).toEqual([SIZE, BANDS, ROW_LENGTH]);
      const seen: number[] = [];
      for (const batch of reader.batches(3)) {
        for (let k = 0; k < batch.count; k++) {
          const position = batch.start + k;
          expect(batch.ids[k]).toBe(tiny.ids[position]);
          expect(batch.half.subarray(k * ROW_LENGTH, (k + 1) * ROW_LENGTH)).toEqual(tiny.inputs[tiny.rows[position]]);
          seen.push(position);
        }
      }
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const positions = Int32Array.of(1, 3, 6);
      const [sampled] = [...reader.batches(10, positions)];
      expect(Array.from(sampled.ids)).toEqual([tiny.ids[1], tiny.ids[3], tiny.ids[6]]);
      expect(sampled.half.subarray(ROW_LENGTH, 2 * ROW_LENGTH)).toEqual(tiny.inputs[tiny.rows[3]]);
      expect(decodeBatch(sampled).subarray(ROW_LENGTH, 2 * ROW_LENGTH)).toEqual(
        fromFloat16Bits(tiny.inputs[tiny.rows[3]]),
      );
      reader.close();
    } finally {
      tiny.workspace.close();
    }
  });

  it('draws a sorted, seeded sample of distinct positions', () => {
    const a = samplePositions(1000, 50, 3);
    expect(a.length).toBe(50);
    expect(new Set(a).size).toBe(50);
    expect(Array.from(a)).toEqual(Array.from(a).sort((x, y) => x - y));
    expect(Array.from(samplePositions(1000, 50, 3))).toEqual(Array.from(a));
    expect(Array.from(samplePositions(1000, 50, 4))).not.toEqual(Array.from(a));
    expect(Array.from(samplePositions(5, 50, 3))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('runEmbedding', () => {
  it('writes standardised features with their ids and records the run', async () => {
    const tiny = tinyWorkspace(12);
    try {
      const stages = new Set<string>();
      const result = await runEmbedding(tiny.workspace, {
        method: 'features',
        workers: 0,
        onProgress: (_d, _t, stage) => stages.add(stage),
      });
      const names = featureNames(BANDS);
      expect(result.count).toBe(12);
      expect(result.dim).toBe(names.length);
      expect(result.path).toBe(join(tiny.workspace.paths.embeddings, `${result.runId}.npy`));
      const vectors = readNpyFile(result.path);
      expect(vectors.dtype).toBe('<f4');
      expect(vectors.shape).toEqual([12, names.length]);
      for (const v of vectors.data as Float32Array) expect(Number.isFinite(v)).toBe(true);
      const ids = readNpyFile(result.idsPath);
      expect(ids.dtype).toBe('<i8');
      expect(Array.from(ids.data as BigInt64Array, Number)).toEqual(tiny.ids);
      // Standardised: every varying column has median 0.
      const column = Array.from(
        { length: 12 },
        (_, r) => (vectors.data as Float32Array)[r * names.length + names.indexOf('ellipticity')],
      ).sort((a, b) => a - b);
      expect((column[5] + column[6]) / 2).toBeCloseTo(0, 5);
      const run = getRun(tiny.workspace.db, result.runId)!;
      expect(run).toMatchObject({ kind: 'embedding', method: 'features', modality: 'image', status: 'done' });
      const params = JSON.parse(run.params);
      expect(params).toMatchObject({ store: STORE, objects: 12, skipped: 1, dim: names.length, feature_names: names });
      expect(params.standardise.centre).toHaveLength(names.length);
      expect([...stages]).toEqual(['features', 'write']);
    } finally {
      tiny.workspace.close();
    }
  });

  it('writes a PCA whose columns carry the recorded share of the variance', async () => {
    const tiny = tinyWorkspace(12);
    try {
      const result = await runEmbedding(tiny.workspace, { method: 'pca', dim: 4, workers: 0 });
      expect(result.dim).toBe(4);
      const vectors = readNpyFile(result.path).data as Float32Array;
      expect(vectors.length).toBe(12 * 4);
      const params = JSON.parse(getRun(tiny.workspace.db, result.runId)!.params);
      expect(params).toMatchObject({ dim: 4, sample_rows: 12, pixel_bin: 2, pixel_dim: 32 * 32 * 3 });
      const ratios: number[] = params.explained_variance_ratio;
      expect(ratios).toHaveLength(4);
      for (let k = 1; k < 4; k++) expect(ratios[k]).toBeLessThanOrEqual(ratios[k - 1]);

      // Fitted on every object, the projections have mean 0 and the recorded share of the total variance.
      const reader = ModelInputReader.open(tiny.workspace, STORE);
      const length = pixelVectorLength(SIZE, BANDS, 2);
      const pixels = new Float32Array(12 * length);
      for (const batch of reader.batches(12))
        pixelVectorsFromHalf(batch.half, batch.count, SIZE, BANDS, 2, pixels, batch.start);
      reader.close();
      const { totalVariance } = centreRows(pixels, 12, length);
      for (let k = 0; k < 4; k++) {
        let sum = 0;
        let squares = 0;
        for (let i = 0; i < 12; i++) {
          sum += vectors[i * 4 + k];
          squares += vectors[i * 4 + k] ** 2;
        }
        expect(Math.abs(sum / 12)).toBeLessThan(1e-3 * Math.sqrt(squares / 12));
        expect(squares / 11 / totalVariance).toBeCloseTo(ratios[k], 3);
      }
    } finally {
      tiny.workspace.close();
    }
  });

  it('marks the run cancelled when aborted, and writes no files', async () => {
    const tiny = tinyWorkspace(4);
    try {
      const controller = new AbortController();
      controller.abort();
      await expect(
        runEmbedding(tiny.workspace, { method: 'features', workers: 0, signal: controller.signal }),
      ).rejects.toThrow(/abort/i);
      const [run] = listRuns(tiny.workspace.db, 'embedding');
      expect(run.status).toBe('cancelled');
      expect(readdirNpy(tiny.workspace)).toEqual([]);
    } finally {
      tiny.workspace.close();
    }
  });

  it('refuses a workspace without image inputs, recording no run', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    try {
      await expect(runEmbedding(workspace, { method: 'pca' })).rejects.toThrow(/no image model inputs/);
      expect(listRuns(workspace.db)).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  // Workers run the compiled script in dist/ (`npm test` builds it first); the calling thread runs these sources.
  it.skipIf(!embeddingWorkerScript())('gives the same vectors on worker threads as on the calling thread', async () => {
    const tiny = tinyWorkspace(10);
    try {
      for (const method of ['features', 'pca'] as const) {
        const here = await runEmbedding(tiny.workspace, { method, dim: 3, workers: 0 });
        const threaded = await runEmbedding(tiny.workspace, { method, dim: 3, workers: 2 });
        expect(JSON.parse(getRun(tiny.workspace.db, threaded.runId)!.params).threads).toBe(2);
        expect(readNpyFile(threaded.path).data).toEqual(readNpyFile(here.path).data);
      }
    } finally {
      tiny.workspace.close();
    }
  });
});

function readdirNpy(workspace: Workspace): string[] {
  return readdirSync(workspace.paths.embeddings).filter((name) => name.endsWith('.npy'));
}
