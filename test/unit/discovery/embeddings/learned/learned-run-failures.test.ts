// What a learned run does when the GPU fails under it, simulated on the wasm backend by a
// training step that throws the messages GPU backends throw: out of memory halves the batch
// once and trains on from the last checkpoint; a second one, or a lost device, fails the run
// with the reason and how to resume, keeping the checkpoint; the resume finishes the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import { getRun, listRuns } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { LearnedModel } from '../../../../../native-models/learned-model.js';
import type { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { smallImageWorkspace } from '../../../../helpers/small-image-workspace.js';

const tempDir = useTempDir('serendip-learned-failures-');
const BASE: LearnedEmbeddingOptions = {
  method: 'autoencoder',
  dim: 4,
  epochs: 2,
  batchSize: 8,
  seed: 3,
  backend: 'wasm',
  inProcess: true,
  encodeWorkers: 1,
};
const STEPS_PER_EPOCH = 5; // 40 objects, batch 8

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes training steps throw `message` while `when(step, batch)` holds (steps count from 1). */
function failSteps(message: string, when: (step: number, batch: number) => boolean): void {
  const real = LearnedModel.prototype.trainStep;
  let step = 0;
  vi.spyOn(LearnedModel.prototype, 'trainStep').mockImplementation(function (this: LearnedModel, ...args) {
    step++;
    if (when(step, args[1])) return Promise.reject(new Error(message));
    return real.apply(this, args);
  });
}

function paramsOf(workspace: Workspace, runId: string): Record<string, unknown> {
  return JSON.parse(getRun(workspace.db, runId)!.params) as Record<string, unknown>;
}

function failedRun(workspace: Workspace): { id: string; message: string | null } {
  const run = listRuns(workspace.db, 'embedding').find((r) => r.status === 'failed');
  if (!run) throw new Error('no failed run');
  return run;
}

describe('a learned run when the GPU fails', () => {
  it('halves the batch once on out-of-memory and records it', async () => {
    const workspace = smallImageWorkspace(tempDir());
    failSteps('WebGPU: Out of memory creating a 2 GB buffer', (_step, batch) => batch > 4);
    const stages: string[] = [];
    const result = await runLearnedEmbedding(workspace, { ...BASE, onProgress: (_d, _t, s) => stages.push(s) });
    expect(getRun(workspace.db, result.runId)!.status).toBe('done');
    expect(paramsOf(workspace, result.runId)).toMatchObject({ batch_size: 4, batch_halved_from: 8 });
    expect(stages).toContain('note: out of GPU memory at batch 8; training on at batch 4');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, result.runId, 'training-log.json'), 'utf8'));
    expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    workspace.close();
  });

  it('fails on a second out-of-memory, saying to resume with a smaller batch', async () => {
    const workspace = smallImageWorkspace(tempDir());
    failSteps('OOM when allocating tensor with shape[4,16,16,32]', () => true);
    await expect(runLearnedEmbedding(workspace, BASE)).rejects.toThrow(/out of memory|OOM/i);
    const run = failedRun(workspace);
    expect(run.message).toMatch(
      new RegExp(`resume with --resume ${run.id} --batch-size 2 \\(it continues from the start\\)`),
    );
    expect(paramsOf(workspace, run.id)).toMatchObject({ batch_size: 4, batch_halved_from: 8 });
    workspace.close();
  });

  it('fails on a lost device, keeps the checkpoint, and the resume finishes to the same vectors', async () => {
    const workspace = smallImageWorkspace(tempDir());
    const whole = await runLearnedEmbedding(workspace, BASE);

    // The third step of epoch 2.
    failSteps('the GPU device was lost: VK_ERROR_DEVICE_LOST', (step) => step === STEPS_PER_EPOCH + 3);
    await expect(runLearnedEmbedding(workspace, BASE)).rejects.toThrow(/device was lost/);
    const run = failedRun(workspace);
    expect(run.message).toContain(`resume with --resume ${run.id} (it continues from epoch 1's checkpoint)`);
    // A lost device is not a memory problem: the batch stays.
    expect(paramsOf(workspace, run.id)).toMatchObject({ batch_size: 8 });
    expect(paramsOf(workspace, run.id).batch_halved_from).toBeUndefined();
    vi.restoreAllMocks();

    const resumed = await runLearnedEmbedding(workspace, { method: 'autoencoder', resume: run.id, inProcess: true });
    expect(getRun(workspace.db, run.id)!.status).toBe('done');
    const log = JSON.parse(readFileSync(join(workspace.paths.models, run.id, 'training-log.json'), 'utf8'));
    expect(log.resumedFromEpoch).toBe(1);
    const vectors = (id: string) => readNpyFile(join(workspace.paths.embeddings, `${id}.npy`)).data as Float32Array;
    const [r, w] = [vectors(resumed.runId), vectors(whole.runId)];
    const scale = Math.max(...w.map(Math.abs));
    expect(Math.max(...r.map((v, i) => Math.abs(v - w[i])))).toBeLessThan(1e-5 * scale);
    workspace.close();
  });

  it('does not retry a failure that is not the device', async () => {
    const workspace = smallImageWorkspace(tempDir());
    failSteps('the input file is truncated', (step) => step === 2);
    await expect(runLearnedEmbedding(workspace, BASE)).rejects.toThrow('the input file is truncated');
    expect(failedRun(workspace).message).toBe('the input file is truncated');
    workspace.close();
  });
});
