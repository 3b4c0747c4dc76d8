// Embeds new model inputs (masked copies of an object, for occlusion saliency) exactly as an
// embedding run embedded its own objects, on the calling thread. It reuses what already
// reproduces a run elsewhere: the run's fitted model (embedding-fits.ts: a PCA's components, a
// features run's standardisation) applied by the embedding tasks' own code (embedding-tasks.ts:
// the morphology features, the PCA projection), so a masked input lands in the run's space and
// an unmasked one on the run's stored vector. A learned run's networks run as the ONNX graph its
// own encoding used (learned-embedder.ts), which is asynchronous: so every embedder is. Runs that
// no such model reproduces (imported vectors, ONNX models not kept in the workspace) give a reason.
import type { Workspace } from '../../../workspace/workspace.js';
import type { RunRow } from '../../../workspace/repositories/runs-repo.js';
import { embeddingFitBytes } from '../../fitted/embedding-fits.js';
import { decodeFittedModel, type FeaturesFit, type PcaFit } from '../../fitted/fitted-models.js';
import { newTaskState, performEmbeddingTask } from '../../embeddings/embedding-tasks.js';
import { projectionOffsets } from '../../embeddings/pca/pca.js';
import { morphologyFeaturesOfHalfRows } from '../../embeddings/morphology/morphology-features.js';
import { applyColumnScaling } from '../../embeddings/morphology/standardise.js';
import { IMPORTED_METHOD, isLearnedEmbedMethod } from '../../../api/contract-lists.js';
import { learnedEmbedder } from './learned-embedder.js';
import type { InputEmbedder } from './input-embedder.js';

export type { InputEmbedder } from './input-embedder.js';

/** The run's embedder, or a line saying why it cannot embed a new input. */
export function runEmbedder(workspace: Workspace, run: RunRow): InputEmbedder | { reason: string } {
  if (run.method === IMPORTED_METHOD)
    return { reason: 'imported embeddings cannot embed a masked input (their model is not in the workspace)' };
  if (isLearnedEmbedMethod(run.method)) return learnedEmbedder(workspace, run);
  if (run.method === 'onnx') return { reason: `explain does not run ${run.method} encoders on masked inputs yet` };
  const bytes = run.method === 'features' || run.method === 'pca' ? embeddingFitBytes(workspace, run) : null;
  if (!bytes) return { reason: `${run.method} run ${run.id} keeps no model that embeds a masked input` };
  const { model } = decodeFittedModel(bytes, `embedding run ${run.id}`);
  if (model.kind === 'features') return featuresEmbedder(model);
  if (model.kind === 'pca') return pcaEmbedder(model);
  return { reason: `run ${run.id}'s model is a ${model.kind}, not an embedding` };
}

/** The morphology features of each input, standardised with the run's centre, scale and clip. */
function featuresEmbedder(model: FeaturesFit): InputEmbedder {
  const { store, size, bands } = model.input;
  const scaling = { centre: model.centre, scale: model.scale };
  const dim = model.names.length;
  return {
    store,
    size,
    bands,
    embedInputs(half, count) {
      const vectors = morphologyFeaturesOfHalfRows(half, count, size, bands);
      applyColumnScaling(vectors, count, dim, scaling, model.clip);
      return Promise.resolve(vectors);
    },
  };
}

/** Each input's pixel vector projected on the run's components: the 'project' task embedding runs send to workers. */
function pcaEmbedder(model: PcaFit): InputEmbedder {
  const { store, size, bands } = model.input;
  const state = newTaskState();
  const { pixelDim, components, mean, componentsT } = model;
  performEmbeddingTask(state, {
    kind: 'attach-projection',
    geometry: { size, bands, bin: model.bin },
    componentsT,
    components,
    offsets: projectionOffsets({ dim: pixelDim, components, mean, componentsT }),
  });
  return {
    store,
    size,
    bands,
    embedInputs: (half, count) =>
      Promise.resolve(performEmbeddingTask(state, { kind: 'project', half, count }) as Float32Array),
  };
}
