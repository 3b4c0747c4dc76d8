// The page's half of a model task (serveModelJob, supervised by relayModelJob) served in Node
// over in-memory channels, as the GPU window serves it: a learned run through it saves the same
// model, log and vectors as the same run on the Node worker, and a run cancelled through it
// resumes there from its checkpoint to the result of an uninterrupted one. The page's "webgpu"
// here is the wasm backend under that name, so both paths compute with the same kernels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import type { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { listRuns } from '../../../../../electron/core/workspace/repositories/runs-repo.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import type {
  HostMessage,
  PageMessage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-job-protocol.js';
import { relayModelJob } from '../../../../../electron/core/discovery/embeddings/learned/model-job-relay.js';
import { serveModelJob } from '../../../../../electron/core/discovery/embeddings/learned/model-job-server.js';
import {
  ModelTaskHost,
  type ModelTaskPage,
} from '../../../../../electron/core/discovery/embeddings/learned/model-task-host.js';
import {
  probeModelTaskPage,
  useModelTaskHost,
} from '../../../../../electron/core/discovery/embeddings/learned/model-task-runner.js';
import type { BackendCandidate } from '../../../../../native-models/backends/backend-interface.js';
import { selectBackendFrom } from '../../../../../native-models/backends/backend-selection.js';
import { wasmBackend } from '../../../../../native-models/backends/wasm-backend.js';
import { smallImageWorkspace } from '../../../../helpers/small-image-workspace.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';
import { memoryChannel } from './memory-channel.js';

const OBJECTS = 8;
const tempDir = useTempDir('serendip-model-page-');

const wasmAsWebGpu: BackendCandidate = {
  name: 'webgpu',
  packageName: null,
  activate: () => wasmBackend.activate(),
  describeDevice: async () => 'wasm, standing in for a GPU',
};

/** Pages whose Worker is serveModelJob on this thread, behind the relay the GPU window runs. */
const inMemoryPages: ModelTaskPage = {
  async open() {
    const hostToPage = memoryChannel<HostMessage, PageMessage>();
    const pageToWorker = memoryChannel<HostMessage, PageMessage>();
    void serveModelJob(pageToWorker.b, (choice) => selectBackendFrom(choice, [wasmAsWebGpu]));
    relayModelJob(hostToPage.b, { ...pageToWorker.a, onError: () => undefined });
    return hostToPage.a;
  },
};

afterEach(() => useModelTaskHost(null));

const smallWorkspace = (): Workspace => smallImageWorkspace(tempDir(), OBJECTS);

const BASE: LearnedEmbeddingOptions = {
  method: 'autoencoder',
  dim: 4,
  epochs: 2,
  batchSize: 4,
  seed: 3,
  encodeWorkers: 1,
  // Both sides through tfjs: the page's and the Node worker's vectors are compared bit for bit.
  encodeEngine: 'tfjs',
  inProcess: true,
};

function vectorsOf(workspace: Workspace, runId: string): Float32Array {
  return readNpyFile(join(workspace.paths.embeddings, `${runId}.npy`)).data as Float32Array;
}

function epochsOf(workspace: Workspace, runId: string): { epoch: number; meanLoss: number }[] {
  const log = JSON.parse(readFileSync(join(workspace.paths.models, runId, 'training-log.json'), 'utf8'));
  return log.epochs.map(({ epoch, meanLoss }: { epoch: number; meanLoss: number }) => ({ epoch, meanLoss }));
}

describe('a learned run through the page protocol', () => {
  it('saves the same losses, model and vectors as the same run on the Node worker', async () => {
    const workspace = smallWorkspace();
    const onNode = await runLearnedEmbedding(workspace, { ...BASE, backend: 'wasm' });
    useModelTaskHost(new ModelTaskHost(inMemoryPages));
    const onPage = await runLearnedEmbedding(workspace, { ...BASE, backend: 'webgpu' });
    expect(onPage.backend).toEqual({
      name: 'webgpu',
      tfjsName: 'wasm',
      device: 'wasm, standing in for a GPU',
      hardwareGpu: false,
      skipped: [],
    });
    expect(epochsOf(workspace, onPage.runId)).toEqual(epochsOf(workspace, onNode.runId));
    const weights = (runId: string) => readFileSync(join(workspace.paths.models, runId, 'encoder', 'weights.bin'));
    expect(weights(onPage.runId).equals(weights(onNode.runId))).toBe(true);
    expect(vectorsOf(workspace, onPage.runId)).toEqual(vectorsOf(workspace, onNode.runId));
    const scores = (runId: string | null) => readNpyFile(join(workspace.paths.scores, `${runId}.npy`)).data;
    expect(scores(onPage.reconstructionRun)).toEqual(scores(onNode.reconstructionRun));
    workspace.close();
  });

  it('resumes a run cancelled in the page from its checkpoint to the result of an uninterrupted one', async () => {
    useModelTaskHost(new ModelTaskHost(inMemoryPages));
    const workspace = smallWorkspace();
    const whole = await runLearnedEmbedding(workspace, { ...BASE, backend: 'webgpu' });
    const controller = new AbortController();
    const interrupted = runLearnedEmbedding(workspace, {
      ...BASE,
      backend: 'webgpu',
      signal: controller.signal,
      onProgress: (_done, _total, _stage, detail) => {
        if (detail?.startsWith('epoch 2/2')) controller.abort();
      },
    });
    await expect(interrupted).rejects.toThrow();
    const cancelled = listRuns(workspace.db, 'embedding').find((run) => run.status === 'cancelled')!;
    const resumed = await runLearnedEmbedding(workspace, { ...BASE, backend: 'webgpu', resume: cancelled.id });
    expect(epochsOf(workspace, resumed.runId)[0]).toEqual(epochsOf(workspace, whole.runId)[0]);
    // Equal to float32 rounding: restoring Adam recomputes its bias correction (see learned-embedding-run.test.ts).
    const [r, w] = [vectorsOf(workspace, resumed.runId), vectorsOf(workspace, whole.runId)];
    const scale = Math.max(...w.map(Math.abs));
    expect(Math.max(...r.map((v, i) => Math.abs(v - w[i])))).toBeLessThan(1e-5 * scale);
    workspace.close();
  });

  it('answers a device check with the backend auto would take in the page, and nothing else', async () => {
    expect(await probeModelTaskPage()).toBeNull();
    useModelTaskHost(new ModelTaskHost(inMemoryPages));
    expect(await probeModelTaskPage()).toEqual({
      selected: { name: 'webgpu', device: 'wasm, standing in for a GPU', hardwareGpu: false },
      skipped: [],
    });
  });
});
