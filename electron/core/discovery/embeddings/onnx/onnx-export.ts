// `serendip export-model <ws> <run> <out.onnx>`: the encoder a learned embedding run trained
// (models/<run>/encoder, tfjs layers format) written as ONNX (native-models/onnx/tfjs-to-onnx.ts),
// so it runs in any ONNX runtime, on other collections, and back through `embed --model`:
// input `pixels` [N, H, W, C] float32 (NHWC, the stored model inputs' layout and values),
// output `embedding` [N, D]. The file is written to a temporary name first, then renamed.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write.js';
import { getRun } from '../../../workspace/repositories/runs-repo.js';
import { LEARNED_EMBED_METHODS } from '../../../api/contract-lists.js';
import type { Workspace } from '../../../workspace/workspace.js';
import type { ExportModelResult } from '../../../api/contract.js';
import { ModelFolder } from '../learned/model-folder.js';
import { modelFromFiles } from '../../../../../native-models/training/model-files.js';
import { selectBackend } from '../../../../../native-models/backends/index.js';
import { EXPORT_INPUT, EXPORT_OUTPUT, tfjsEncoderToOnnx } from '../../../../../native-models/onnx/tfjs-to-onnx.js';

const LEARNED: readonly string[] = LEARNED_EMBED_METHODS;

export async function exportRunEncoder(workspace: Workspace, runId: string, out: string): Promise<ExportModelResult> {
  const run = getRun(workspace.db, runId);
  if (!run) throw new Error(`no run ${runId} in this workspace`);
  if (run.kind !== 'embedding' || !LEARNED.includes(run.method)) {
    throw new Error(
      `run ${runId} (${run.kind}, method ${run.method}) has no encoder to export; only ` +
        'autoencoder and contrastive embedding runs do',
    );
  }
  if (run.status !== 'done') throw new Error(`run ${runId} is ${run.status}; only a finished run's encoder exports`);
  // Reading weights needs a tfjs backend; the bundled wasm one starts fast on every machine
  // (and spares the user tfjs's plain-cpu banner).
  await selectBackend('wasm');
  const model = await modelFromFiles(new ModelFolder(workspace, runId).loadNetworks().encoder);
  let bytes: Uint8Array;
  let shape: (number | string)[];
  let dim: number;
  try {
    bytes = tfjsEncoderToOnnx(model);
    shape = ['N', ...(model.inputs[0].shape.slice(1) as number[])];
    dim = model.outputs[0].shape[1] as number;
  } finally {
    model.dispose();
  }
  const path = resolve(out);
  writeFileAtomicSync(path, bytes);
  return {
    runId,
    out: path,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    input: { name: EXPORT_INPUT, shape },
    output: { name: EXPORT_OUTPUT, shape: ['N', dim] },
  };
}
