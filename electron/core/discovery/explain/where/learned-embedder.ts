// A learned run (autoencoder, contrastive) as an embedder of new model inputs for explain: its
// networks run through onnxruntime in-process (learned-session.ts, loaded on first use so that
// commands that never explain a learned run do not load tfjs and onnxruntime). An autoencoder
// also gives the reconstruction, from which explain draws its residual maps.
import type { Workspace } from '../../../workspace/workspace.js';
import { runParams, type RunRow } from '../../../workspace/repositories/runs-repo.js';
import type { StoredParams } from '../../embeddings/learned/learned-run.js';
import { onFirstUse } from '../../../util/heavy-packages.js';
import type { InputEmbedder } from './input-embedder.js';

const loadSession = onFirstUse(() => import('./learned-session.js'));

export function learnedEmbedder(workspace: Workspace, run: RunRow): InputEmbedder {
  const params = runParams(run) as unknown as StoredParams;
  const { store, size, bands } = params;
  const infer = async (half: Uint16Array, count: number, output: 'embedding' | 'reconstruction') =>
    (await loadSession()).inferLearned(workspace, run, params, half, count, output);
  return {
    store,
    size,
    bands,
    embedInputs: (half, count) => infer(half, count, 'embedding'),
    ...(run.method === 'autoencoder' ? { reconstruct: (half, count) => infer(half, count, 'reconstruction') } : {}),
  };
}
