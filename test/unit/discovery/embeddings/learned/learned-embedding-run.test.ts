// Learned embeddings end to end on a tiny workspace (16×16×3 inputs), on the calling thread
// with the best backend present (wasm here; SERENDIP_TEST_BACKEND forces one): the run records its backend and device,
// the model folder holds a loadable tfjs model and its training log, the autoencoder's reconstruction errors become a
// score run, the same seed gives the same vectors, and a run cancelled after its first
// epoch resumes from the checkpoint to the vectors of a run never interrupted, as does one
// stopped after training (from the last epoch's checkpoint, training no further).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { getRun, listRuns } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { modelFromFiles } from '../../../../../native-models/training/model-files.js';
import type { BackendChoice } from '../../../../../native-models/backends/index.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { SMALL_OBJECTS, smallImageWorkspace } from '../../../../helpers/small-image-workspace.js';

const OBJECTS = SMALL_OBJECTS;
const tempDir = useTempDir('serendip-learned-');
const smallWorkspace = (): Workspace => smallImageWorkspace(tempDir());

const BACKEND = (process.env.SERENDIP_TEST_BACKEND ?? 'auto') as BackendChoice;
const BASE: LearnedEmbeddingOptions = {
  method: 'autoencoder',
  dim: 4,
  epochs: 2,
  batchSize: 8,
  seed: 3,
  backend: BACKEND,
  inProcess: true,
  encodeWorkers: 2,
};

function vectorsOf(workspace: Workspace, runId: string): Float32Array {
  return readNpyFile(join(workspace.paths.embeddings, `${runId}.npy`)).data as Float32Array;
}

describe('runLearnedEmbedding', () => {
  it('trains an autoencoder, saves the model, the log, the embedding and the reconstruction score', async () => {
    const workspace = smallWorkspace();
    const details: string[] = [];
    const result = await runLearnedEmbedding(workspace, {
      ...BASE,
      onProgress: (_d, _t, _stage, detail) => detail && details.push(detail),
    });
    expect(result).toMatchObject({ count: OBJECTS, dim: 4 });
    if (BACKEND !== 'auto') expect(result.backend.name).toBe(BACKEND);
    const run = getRun(workspace.db, result.runId)!;
    expect(run.status).toBe('done');
    const params = JSON.parse(run.params);
    expect(params).toMatchObject({
      backend: result.backend.name,
      epochs: 2,
      dim: 4,
      seed: 3,
      sample: OBJECTS,
      batch_size: 8,
      // Not asked for: the default of a CPU backend.
      width: 1,
      encode_threads: 2,
      model_folder: `models/${result.runId}`,
    });
    expect(params.device).toBe(result.backend.device);
    expect(params.device.length).toBeGreaterThan(3);
    expect(details.some((d) => d.startsWith('epoch 2/2, loss '))).toBe(true);

    const embedding = readNpyFile(join(workspace.paths.embeddings, `${result.runId}.npy`));
    expect(embedding.shape).toEqual([OBJECTS, 4]);
    expect(Array.from(embedding.data as Float32Array).every(Number.isFinite)).toBe(true);

    const folder = join(workspace.paths.models, result.runId);
    const log = JSON.parse(readFileSync(join(folder, 'training-log.json'), 'utf8'));
    expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    expect(log.finished).toBe(true);
    expect(existsSync(join(folder, 'checkpoint.json'))).toBe(false);
    const encoder = await modelFromFiles({
      json: readFileSync(join(folder, 'encoder', 'model.json'), 'utf8'),
      weights: new Uint8Array(readFileSync(join(folder, 'encoder', 'weights.bin'))),
    });
    expect(encoder.outputs[0].shape).toEqual([null, 4]);

    const score = getRun(workspace.db, result.reconstructionRun!)!;
    expect(score).toMatchObject({ kind: 'score', method: 'reconstruction', parent_run: result.runId, status: 'done' });
    const errors = readNpyFile(join(workspace.paths.scores, `${score.id}.npy`)).data as Float32Array;
    expect(errors.length).toBe(OBJECTS);
    expect(Math.min(...errors)).toBeGreaterThan(0);
    workspace.close();
  });

  it('gives the same vectors for the same seed and different ones for another', async () => {
    const workspace = smallWorkspace();
    const a = await runLearnedEmbedding(workspace, { ...BASE, method: 'contrastive', epochs: 1 });
    const b = await runLearnedEmbedding(workspace, { ...BASE, method: 'contrastive', epochs: 1 });
    const c = await runLearnedEmbedding(workspace, { ...BASE, method: 'contrastive', epochs: 1, seed: 4 });
    expect(vectorsOf(workspace, a.runId)).toEqual(vectorsOf(workspace, b.runId));
    expect(vectorsOf(workspace, a.runId)).not.toEqual(vectorsOf(workspace, c.runId));
    expect(a.reconstructionRun).toBeNull();
    workspace.close();
  });

  it('resumes a run cancelled after its first epoch to the result of an uninterrupted one', async () => {
    const workspace = smallWorkspace();
    const whole = await runLearnedEmbedding(workspace, { ...BASE, epochs: 3 });

    const controller = new AbortController();
    const interrupted = runLearnedEmbedding(workspace, {
      ...BASE,
      epochs: 3,
      signal: controller.signal,
      onProgress: (_done, _total, _stage, detail) => {
        if (detail?.startsWith('epoch 2/3')) controller.abort();
      },
    });
    await expect(interrupted).rejects.toThrow();
    const cancelled = listRuns(workspace.db, 'embedding').find((run) => run.status === 'cancelled')!;
    expect(cancelled.message).toMatch(/resume with --resume/);
    const checkpoint = JSON.parse(readFileSync(join(workspace.paths.models, cancelled.id, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.epoch).toBe(1);

    const resumed = await runLearnedEmbedding(workspace, {
      method: 'autoencoder',
      resume: cancelled.id,
      inProcess: true,
      encodeWorkers: 2,
    });
    expect(resumed.runId).toBe(cancelled.id);
    expect(getRun(workspace.db, cancelled.id)!.status).toBe('done');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, cancelled.id, 'training-log.json'), 'utf8'));
    expect(log.resumedFromEpoch).toBe(1);
    expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2, 3]);
    // Equal to float32 rounding: restoring Adam recomputes its bias correction as β^(t+1)
    // where the uninterrupted run multiplied β in step by step.
    const [r, w] = [vectorsOf(workspace, resumed.runId), vectorsOf(workspace, whole.runId)];
    const scale = Math.max(...w.map(Math.abs));
    expect(Math.max(...r.map((v, i) => Math.abs(v - w[i])))).toBeLessThan(1e-5 * scale);
    workspace.close();
  });

  it('resumes a run stopped while encoding (after training) from its last checkpoint with no retraining', async () => {
    const workspace = smallWorkspace();
    const whole = await runLearnedEmbedding(workspace, { ...BASE, epochs: 2 });
    const controller = new AbortController();
    const interrupted = runLearnedEmbedding(workspace, {
      ...BASE,
      epochs: 2,
      signal: controller.signal,
      onProgress: (_done, _total, stage) => {
        if (stage === 'encode') controller.abort();
      },
    });
    await expect(interrupted).rejects.toThrow();
    const cancelled = listRuns(workspace.db, 'embedding').find((run) => run.status === 'cancelled')!;
    // A killed process leaves the same: every epoch checkpointed, no done run.
    expect(JSON.parse(readFileSync(join(workspace.paths.models, cancelled.id, 'checkpoint.json'), 'utf8')).epoch).toBe(
      2,
    );

    const stages: string[] = [];
    const resumed = await runLearnedEmbedding(workspace, {
      method: 'autoencoder',
      resume: cancelled.id,
      inProcess: true,
      encodeWorkers: 2,
      onProgress: (_d, _t, stage) => stages.push(stage),
    });
    expect(getRun(workspace.db, resumed.runId)!.status).toBe('done');
    expect(stages).not.toContain('train');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, cancelled.id, 'training-log.json'), 'utf8'));
    expect(log.resumedFromEpoch).toBe(2);
    expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    // No epoch trained here, so the training rate comes from the epochs' log, not a 0.
    const seconds = log.epochs.reduce((sum: number, e: { seconds: number }) => sum + e.seconds, 0);
    const params = JSON.parse(getRun(workspace.db, resumed.runId)!.params);
    expect(resumed.trainImagesPerSecond).toBeCloseTo((params.sample * 2) / seconds, 6);
    expect(params.train_images_per_second).toBeGreaterThan(0);
    expect(existsSync(join(workspace.paths.models, cancelled.id, 'checkpoint.json'))).toBe(false);
    expect(vectorsOf(workspace, resumed.runId)).toEqual(vectorsOf(workspace, whole.runId));
    workspace.close();
  });

  it('refuses to resume a finished run, or one of another method', async () => {
    const workspace = smallWorkspace();
    const done = await runLearnedEmbedding(workspace, { ...BASE, epochs: 1 });
    await expect(runLearnedEmbedding(workspace, { ...BASE, resume: done.runId })).rejects.toThrow(/already finished/);
    await expect(
      runLearnedEmbedding(workspace, { ...BASE, method: 'contrastive', resume: done.runId }),
    ).rejects.toThrow(/is a autoencoder run/);
    workspace.close();
  });
});
