// The desktop app's GPU window, in Debian's Chromium: the built trainer page trains and encodes
// learned models through the same messages as in Electron, driven by runLearnedEmbedding with the
// page as its model-task host. Chromium here has only SwiftShader, so the backends are named
// (webgpu with --enable-unsafe-webgpu, webgl by default); `auto` passes both over and falls back
// to the Node worker. The page's vectors must equal a Node cpu encoding of the networks it
// trained. Tiny models (16×16×3 cutouts, batch 4): SwiftShader is ~30× slower than wasm.
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { getRun, listRuns } from '../../electron/core/workspace/repositories/runs-repo.js';
import {
  runLearnedEmbedding,
  type LearnedEmbeddingOptions,
} from '../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { ModelFolder } from '../../electron/core/discovery/embeddings/learned/model-folder.js';
import { performModelTask, type ModelTaskEvent } from '../../electron/core/discovery/embeddings/learned/model-task.js';
import { ModelTaskHost } from '../../electron/core/discovery/embeddings/learned/model-task-host.js';
import {
  probeModelTaskPage,
  useModelTaskHost,
} from '../../electron/core/discovery/embeddings/learned/model-task-runner.js';
import { ModelInputReader } from '../../electron/core/discovery/embeddings/model-input-batches.js';
import type { LearnedModelConfig } from '../../native-models/model-config.js';
import { SMALL_STORE, smallImageWorkspace } from '../helpers/small-image-workspace.js';
import { e2eUnavailable } from './browser-harness.js';
import { openGpuWindow, TRAINER_PAGE, type GpuWindowUnderTest } from './gpu-window-harness.js';

const OBJECTS = 8;
const STORE = SMALL_STORE;
const SLOW = 600_000;

const unavailable =
  e2eUnavailable() ?? (existsSync(TRAINER_PAGE) ? null : 'the trainer page is not built (npm run build)');
if (unavailable) console.log(`GPU window e2e skipped: ${unavailable}`);

let dir = '';
let gpuWindow: GpuWindowUnderTest;

beforeAll(async () => {
  if (unavailable) return;
  dir = mkdtempSync(join(tmpdir(), 'serendip-gpu-window-'));
  gpuWindow = await openGpuWindow(['--enable-unsafe-webgpu']);
  useModelTaskHost(new ModelTaskHost(gpuWindow.tasks));
}, SLOW);

afterAll(async () => {
  useModelTaskHost(null);
  await gpuWindow?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function workspaceOfGalaxies(name: string): Workspace {
  return smallImageWorkspace(join(dir, name), OBJECTS);
}

const BASE: LearnedEmbeddingOptions = {
  method: 'autoencoder',
  dim: 4,
  epochs: 2,
  batchSize: 4,
  seed: 3,
  encodeWorkers: 1,
  inProcess: true,
};

/** The trained networks of a run encoded again in Node on tfjs's cpu backend. */
async function nodeEncoding(
  workspace: Workspace,
  runId: string,
): Promise<{ vectors: Float32Array; errors: Float32Array | null }> {
  const folder = new ModelFolder(workspace, runId);
  const log = JSON.parse(readFileSync(join(folder.dir, 'training-log.json'), 'utf8')) as { config: LearnedModelConfig };
  const reader = ModelInputReader.open(workspace, STORE, { spectra: false });
  const events: ModelTaskEvent[] = [];
  try {
    await performModelTask(
      {
        type: 'encode',
        backend: 'cpu',
        config: log.config,
        networks: folder.loadNetworks(),
        inputs: { path: join(workspace.paths.inputs, STORE), rows: reader.rows },
        batchSize: OBJECTS,
      },
      (event) => events.push(event),
    );
  } finally {
    reader.close();
  }
  const encoded = events.find((e) => e.type === 'encoded');
  if (encoded?.type !== 'encoded') throw new Error('the Node encoding gave no vectors');
  return { vectors: encoded.vectors, errors: encoded.reconstructionError };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i])), 0);
}

describe.skipIf(unavailable !== null)('the GPU window page', () => {
  it.each([
    {
      backend: 'webgpu' as const,
      method: 'autoencoder' as const,
      device: /^WebGPU: google swiftshader.*a software adapter, in Chromium$/i,
    },
    {
      backend: 'webgl' as const,
      method: 'contrastive' as const,
      device: /^WebGL 2: .*SwiftShader.*a software renderer, in Chromium$/i,
    },
  ])(
    'trains and encodes on $backend, checkpointing every epoch, to the vectors Node computes',
    async ({ backend, method, device }) => {
      const workspace = workspaceOfGalaxies(`${backend}-ws`);
      try {
        const checkpoints: number[] = [];
        const result = await runLearnedEmbedding(workspace, {
          ...BASE,
          method,
          backend,
          onProgress: (_done, _total, _stage, detail) => {
            // Epoch 2 under way: epoch 1's checkpoint, sent by the page, is on disk.
            if (!detail?.startsWith('epoch 2/2') || checkpoints.length > 0) return;
            const run = listRuns(workspace.db, 'embedding')[0];
            const index = JSON.parse(readFileSync(join(workspace.paths.models, run.id, 'checkpoint.json'), 'utf8'));
            expect(existsSync(join(workspace.paths.models, run.id, index.file))).toBe(true);
            checkpoints.push(index.epoch);
          },
        });
        console.log(`${backend} in the page: ${result.backend.device}`);
        expect(result.backend).toMatchObject({ name: backend, skipped: [] });
        expect(result.backend.device).toMatch(device);
        expect(checkpoints).toEqual([1]);

        const run = getRun(workspace.db, result.runId)!;
        expect(run.status).toBe('done');
        expect(JSON.parse(run.params)).toMatchObject({ backend, sample: OBJECTS, epochs: 2 });
        const folder = join(workspace.paths.models, result.runId);
        const log = JSON.parse(readFileSync(join(folder, 'training-log.json'), 'utf8'));
        expect(log).toMatchObject({ finished: true, backend: { name: backend } });
        expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
        expect(existsSync(join(folder, 'checkpoint.json'))).toBe(false);

        const vectors = readNpyFile(join(workspace.paths.embeddings, `${result.runId}.npy`)).data as Float32Array;
        const node = await nodeEncoding(workspace, result.runId);
        expect(maxDifference(vectors, node.vectors)).toBeLessThan(1e-4);
        if (method === 'autoencoder') {
          const errors = readNpyFile(join(workspace.paths.scores, `${result.reconstructionRun}.npy`))
            .data as Float32Array;
          expect(maxDifference(errors, node.errors!)).toBeLessThan(1e-4);
        }
        // The page answered each task (a train, an encode) with its last word.
        expect(gpuWindow.traffic.slice(-2).map((seen) => seen.at(-1))).toEqual(['done', 'done']);
      } finally {
        workspace.close();
      }
    },
    SLOW,
  );

  it(
    'passes over both software GPUs for auto, and the run falls back to the Node worker',
    async () => {
      const workspace = workspaceOfGalaxies('auto-ws');
      try {
        const result = await runLearnedEmbedding(workspace, { ...BASE, epochs: 1, backend: 'auto' });
        expect(result.backend.name).toBe('wasm');
        const [webgpu, webgl] = result.backend.skipped;
        expect(webgpu).toMatchObject({
          name: 'webgpu',
          reason: expect.stringMatching(/^only a software adapter \(WebGPU: google swiftshader/),
        });
        expect(webgl).toMatchObject({
          name: 'webgl',
          reason: expect.stringMatching(/^only a software renderer \(.*SwiftShader/),
        });
        expect(gpuWindow.traffic.at(-1)).toEqual(['unavailable']);

        // Settings' device check asks the page the same question, and gets the same reasons.
        const probe = await probeModelTaskPage();
        expect(probe?.selected).toBeNull();
        expect(probe?.skipped.map((s) => [s.name, s.reason])).toEqual([
          ['webgpu', webgpu.reason],
          ['webgl', webgl.reason],
        ]);
        expect(gpuWindow.traffic.at(-1)).toEqual(['probed']);
      } finally {
        workspace.close();
      }
    },
    SLOW,
  );

  it(
    'cancels a task: the page terminates its Worker and answers cancelled; the run resumes there',
    async () => {
      const workspace = workspaceOfGalaxies('cancel-ws');
      try {
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
        const cancelled = listRuns(workspace.db, 'embedding').find((r) => r.status === 'cancelled')!;
        expect(cancelled.message).toMatch(/resume with --resume/);
        await expect.poll(() => gpuWindow.traffic.at(-1)?.at(-1)).toBe('cancelled');
        expect(gpuWindow.traffic.at(-1)).not.toContain('done');

        // The page restores epoch 1's checkpoint (sent with the task) and trains epoch 2 only.
        const resumed = await runLearnedEmbedding(workspace, { ...BASE, backend: 'webgpu', resume: cancelled.id });
        expect(resumed.runId).toBe(cancelled.id);
        expect(getRun(workspace.db, cancelled.id)!.status).toBe('done');
        const log = JSON.parse(readFileSync(join(workspace.paths.models, cancelled.id, 'training-log.json'), 'utf8'));
        expect(log).toMatchObject({ finished: true, resumedFromEpoch: 1, backend: { name: 'webgpu' } });
        expect(log.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
      } finally {
        workspace.close();
      }
    },
    SLOW,
  );

  it('logs no error in the page (a CSP refusal would show here)', () => {
    expect(gpuWindow.console.filter((line) => /^(error|pageerror)/.test(line))).toEqual([]);
  });
});
