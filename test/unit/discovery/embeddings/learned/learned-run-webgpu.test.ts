// A learned run on the webgpu backend (Chromium's SwiftShader adapter, named explicitly: auto
// passes a software adapter over), stopped after its first epoch and resumed on wasm: the
// checkpoint crosses backends, the log says which backend trained each epoch, and encoding
// the trained networks on webgpu equals encoding them on wasm. And a device lost mid-epoch
// (destroyed under the run) fails the run with the reason; it resumes on wasm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import { getRun, listRuns } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { ModelFolder } from '../../../../../electron/core/discovery/embeddings/learned/model-folder.js';
import {
  performModelTask,
  type ModelTaskEvent,
} from '../../../../../electron/core/discovery/embeddings/learned/model-task.js';
import type { BackendChoice } from '../../../../../native-models/backends/index.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';
import type { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { softwareGpuUnavailable, useSoftwareGpu } from '../../../../helpers/software-gpu.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { SMALL_BANDS, SMALL_SIZE, smallImageWorkspace } from '../../../../helpers/small-image-workspace.js';

const unavailable = softwareGpuUnavailable();
if (unavailable) console.log(`learned run on webgpu skipped: ${unavailable}`);
const tempDir = useTempDir('serendip-learned-webgpu-');

async function encodeOn(backend: BackendChoice, workspace: Workspace, runId: string): Promise<Float32Array> {
  const run = getRun(workspace.db, runId)!;
  const params = JSON.parse(run.params);
  const config: LearnedModelConfig = {
    kind: 'autoencoder',
    modality: 'image',
    dim: params.dim,
    seed: params.seed,
    learningRate: params.learning_rate,
    width: params.width,
    geometry: { size: SMALL_SIZE, bands: SMALL_BANDS },
  };
  let vectors: Float32Array | null = null;
  const rows = Int32Array.from({ length: params.objects }, (_, i) => i);
  await performModelTask(
    {
      type: 'encode',
      backend,
      config,
      networks: new ModelFolder(workspace, runId).loadNetworks(),
      inputs: { path: join(workspace.paths.inputs, params.store), rows },
      batchSize: 16,
    },
    (event: ModelTaskEvent) => {
      if (event.type === 'encoded') vectors = event.vectors;
    },
  );
  return vectors!;
}

describe.skipIf(unavailable !== null)('a learned run on webgpu', () => {
  useSoftwareGpu();

  it('resumes on wasm from its webgpu checkpoint, and webgpu encodes as wasm does', async () => {
    const workspace = smallImageWorkspace(tempDir());
    const controller = new AbortController();
    const options: LearnedEmbeddingOptions = {
      method: 'autoencoder',
      dim: 4,
      epochs: 2,
      batchSize: 8,
      inProcess: true,
    };
    const onGpu = runLearnedEmbedding(workspace, {
      ...options,
      backend: 'webgpu',
      signal: controller.signal,
      onProgress: (_d, _t, _stage, detail) => {
        if (detail?.startsWith('epoch 2/2')) controller.abort();
      },
    });
    await expect(onGpu).rejects.toThrow();
    const stopped = listRuns(workspace.db, 'embedding').find((r) => r.status === 'cancelled')!;
    expect(JSON.parse(stopped.params)).toMatchObject({ backend_requested: 'webgpu', batch_size: 8, width: 1 });

    const resumed = await runLearnedEmbedding(workspace, { ...options, resume: stopped.id, backend: 'wasm' });
    expect(resumed.backend.name).toBe('wasm');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, stopped.id, 'training-log.json'), 'utf8'));
    expect(log.resumedFromEpoch).toBe(1);
    expect(log.epochs.map((e: { backend: string }) => e.backend)).toEqual(['webgpu', 'wasm']);

    const stored = readNpyFile(join(workspace.paths.embeddings, `${stopped.id}.npy`)).data as Float32Array;
    const [gpu, wasm] = [
      await encodeOn('webgpu', workspace, stopped.id),
      await encodeOn('wasm', workspace, stopped.id),
    ];
    const scale = Math.max(...wasm.map(Math.abs));
    // Trained last on wasm, the run encoded through onnxruntime: the same vectors to float32 rounding.
    expect(Math.max(...stored.map((v, i) => Math.abs(v - wasm[i])))).toBeLessThan(1e-5 * scale);
    const worst = Math.max(...gpu.map((v, i) => Math.abs(v - wasm[i])));
    console.log(`webgpu vs wasm encoding: worst difference ${(worst / scale).toExponential(2)} of the largest`);
    expect(worst).toBeLessThan(1e-4 * scale);
    workspace.close();
  }, 120_000);

  // Last in the file: the destroyed device serves this process no more.
  it('fails when the device is lost mid-epoch, and resumes on wasm from the last checkpoint', async () => {
    const workspace = smallImageWorkspace(tempDir());
    const options: LearnedEmbeddingOptions = {
      method: 'autoencoder',
      dim: 4,
      epochs: 2,
      batchSize: 8,
      inProcess: true,
    };
    let lost = false;
    const onGpu = runLearnedEmbedding(workspace, {
      ...options,
      backend: 'webgpu',
      onProgress: (_d, _t, _stage, detail) => {
        if (lost || !detail?.startsWith('epoch 2/2')) return;
        lost = true;
        (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
      },
    });
    await expect(onGpu).rejects.toThrow(/the GPU device was lost/);
    const failed = listRuns(workspace.db, 'embedding').find((r) => r.status === 'failed')!;
    expect(failed.message).toMatch(/resume with --resume \S+ \(it continues from epoch 1's checkpoint\)$/);

    const resumed = await runLearnedEmbedding(workspace, { ...options, resume: failed.id, backend: 'wasm' });
    expect(getRun(workspace.db, resumed.runId)!.status).toBe('done');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, failed.id, 'training-log.json'), 'utf8'));
    expect(log.epochs.map((e: { epoch: number; backend: string }) => [e.epoch, e.backend])).toEqual([
      [1, 'webgpu'],
      [2, 'wasm'],
    ]);
    workspace.close();
  }, 120_000);
});
