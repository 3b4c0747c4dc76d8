// The onnxruntime session explain runs a learned run's networks in: its trained networks
// (models/<run>/) exported to one ONNX graph (learned-model-to-onnx.ts), the same graph and
// numbers its own encoding through onnxruntime used, on the CPU provider. Loaded only through
// learned-embedder.ts's import(), since tfjs and onnxruntime are heavy (util/heavy-packages.ts).
// The session of the run explained last is kept: the export reads the weights through tfjs,
// which costs far more than one explanation.
import * as ort from 'onnxruntime-node';
import type { Workspace } from '../../../workspace/workspace.js';
import type { RunRow } from '../../../workspace/repositories/runs-repo.js';
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import { ModelFolder } from '../../embeddings/learned/model-folder.js';
import { learnedConfigOf, type StoredParams } from '../../embeddings/learned/learned-run.js';
import type { LearnedModelKind } from '../../../../../native-models/model-architecture.js';
import { selectBackend } from '../../../../../native-models/backends/index.js';
import { modelFromFiles } from '../../../../../native-models/training/model-files.js';
import { RECONSTRUCTION_OUTPUT, learnedModelToOnnx } from '../../../../../native-models/onnx/learned-model-to-onnx.js';
import { EXPORT_INPUT, EXPORT_OUTPUT } from '../../../../../native-models/onnx/tfjs-to-onnx.js';

let kept: { key: string; session: Promise<ort.InferenceSession> } | null = null;

async function exportedSession(workspace: Workspace, run: RunRow, params: StoredParams): Promise<ort.InferenceSession> {
  const networks = new ModelFolder(workspace, run.id).loadNetworks();
  const config = learnedConfigOf(run.method as LearnedModelKind, params);
  await selectBackend('wasm');
  const encoder = await modelFromFiles(networks.encoder);
  const head = config.kind === 'autoencoder' ? await modelFromFiles(networks.head) : undefined;
  let bytes: Uint8Array;
  try {
    bytes = learnedModelToOnnx(config, encoder, head, { reconstruction: config.kind === 'autoencoder' });
  } finally {
    encoder.dispose();
    head?.dispose();
  }
  return ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
}

function sessionOf(workspace: Workspace, run: RunRow, params: StoredParams): Promise<ort.InferenceSession> {
  const key = `${workspace.paths.models}\0${run.id}`;
  if (kept?.key !== key) {
    const previous = kept;
    kept = { key, session: exportedSession(workspace, run, params) };
    // A failed export is not kept: the next explain tries again.
    kept.session.catch(() => (kept = kept?.key === key ? null : kept));
    void previous?.session.then((s) => s.release()).catch(() => undefined);
  }
  return kept.session;
}

/** The run's `output` ('embedding' or 'reconstruction') for `count` float16 inputs. */
export async function inferLearned(
  workspace: Workspace,
  run: RunRow,
  params: StoredParams,
  half: Uint16Array,
  count: number,
  output: 'embedding' | 'reconstruction',
): Promise<Float32Array> {
  const session = await sessionOf(workspace, run, params);
  const input = new ort.Tensor('float32', fromFloat16Bits(half), [count, params.size, params.size, params.bands]);
  const results = await session.run({ [EXPORT_INPUT]: input });
  const name = output === 'embedding' ? EXPORT_OUTPUT : RECONSTRUCTION_OUTPUT;
  const out = Float32Array.from(results[name].data as Float32Array);
  for (const tensor of [input, ...Object.values(results)]) tensor.dispose();
  return out;
}
