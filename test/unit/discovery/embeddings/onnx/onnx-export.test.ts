// A learned run's encoder exported to ONNX gives the run's own embedding back through
// `embed --model` (trained here on the best tfjs backend present, on the calling thread);
// runs without an encoder are refused with the reason.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../../../electron/core/formats/arrays/npy.js';
import * as learnedRun from '../../../../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { exportRunEncoder } from '../../../../../electron/core/discovery/embeddings/onnx/onnx-export.js';
import { runOnnxEmbedding } from '../../../../../electron/core/discovery/embeddings/onnx/onnx-embedding-run.js';
import type { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import { onnxTestWorkspace } from '../../../../helpers/onnx-workspace.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-onnx-export-');

function embedding(workspace: Workspace, runId: string): { data: Float32Array; ids: BigInt64Array } {
  return {
    data: readNpyFile(join(workspace.paths.embeddings, `${runId}.npy`)).data as Float32Array,
    ids: readNpyFile(join(workspace.paths.embeddings, `${runId}.ids.npy`)).data as BigInt64Array,
  };
}

describe('exportRunEncoder', () => {
  it("round-trips a trained encoder: ONNX inference gives the run's embedding", async () => {
    const { workspace } = onnxTestWorkspace(tempDir(), 24, 16, 3);
    const learned = await learnedRun.runLearnedEmbedding(workspace, {
      method: 'autoencoder',
      dim: 4,
      epochs: 1,
      batchSize: 8,
      seed: 2,
      inProcess: true,
      encodeWorkers: 1,
    });
    const out = join(tempDir(), 'encoder.onnx');
    const exported = await exportRunEncoder(workspace, learned.runId, out);
    expect(exported).toMatchObject({
      runId: learned.runId,
      out,
      input: { name: 'pixels', shape: ['N', 16, 16, 3] },
      output: { name: 'embedding', shape: ['N', 4] },
    });
    expect(exported.sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await runOnnxEmbedding(workspace, { model: out, provider: 'cpu' });
    const a = embedding(workspace, learned.runId);
    const b = embedding(workspace, again.runId);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < a.data.length; i++) {
      diff = Math.max(diff, Math.abs(a.data[i] - b.data[i]));
      scale = Math.max(scale, Math.abs(a.data[i]));
    }
    expect(scale).toBeGreaterThan(0);
    expect(diff).toBeLessThan(1e-4 * Math.max(1, scale));

    await expect(exportRunEncoder(workspace, again.runId, out)).rejects.toThrow(
      /\(embedding, method onnx\) has no encoder to export; only autoencoder and contrastive embedding runs do/,
    );
    await expect(exportRunEncoder(workspace, 'embedding-nope', out)).rejects.toThrow(/no run embedding-nope/);
  });
});
