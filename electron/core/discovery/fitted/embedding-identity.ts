// Which fixed model made an embedding run's vectors: the identity a forest or a map reference
// records when exported, and checks before it is applied. Two runs with the same identity
// give the same vector to the same object, in whatever workspace they were made:
//   onnx      params.model.sha256, the ONNX file
//   pca       the sha256 of the fitted file (params.fitted, or the model a PCA fitted here kept)
//   features  the same, for the scaling
//   imported  params.sha256, the imported file
// A learned run (autoencoder, contrastive) has none until its encoder is exported and run with --model.
import { existsSync } from 'node:fs';
import type { Workspace } from '../../workspace/workspace.js';
import type { RunRow } from '../../workspace/repositories/runs-repo.js';
import { NpyRowFile } from '../../formats/arrays/npy-row-file.js';
import { runArrayPaths } from '../run-arrays.js';
import { IMPORTED_METHOD } from '../../api/contract-lists.js';
import { FittedFileError, sha256Hex } from './fitted-file.js';
import type { EmbeddingIdentity } from './fitted-models.js';
import { embeddingFitBytes } from './embedding-fits.js';
import { fittedOfRun } from './fitted-store.js';

/** Rows and width of an embedding run's array, from its header alone. */
export function embeddingShape(workspace: Workspace, runId: string): { rows: number; dim: number } {
  const { data } = runArrayPaths(workspace.paths.embeddings, runId);
  if (!existsSync(data)) throw new Error(`the vectors of embedding run ${runId} are missing (${data})`);
  const file = NpyRowFile.openReadOnly(data);
  try {
    if (file.dtype !== '<f4' || file.rowShape.length !== 1)
      throw new Error(`${data} does not hold rows of float32 vectors`);
    return { rows: file.rowCount, dim: file.rowShape[0] };
  } finally {
    file.close();
  }
}

function hashOf(run: RunRow): { kind: string; sha256: string } | null {
  const fitted = fittedOfRun(run);
  if (fitted) return fitted;
  const params = JSON.parse(run.params) as { model?: { sha256?: unknown }; sha256?: unknown };
  if (run.method === 'onnx' && typeof params.model?.sha256 === 'string')
    return { kind: 'onnx', sha256: params.model.sha256 };
  if (run.method === IMPORTED_METHOD && typeof params.sha256 === 'string')
    return { kind: 'imported', sha256: params.sha256 };
  return null;
}

/** The identity of a finished embedding run, or null when no fixed model made its vectors. */
export function embeddingIdentity(workspace: Workspace, run: RunRow): EmbeddingIdentity | null {
  if (run.kind !== 'embedding' || run.status !== 'done') return null;
  let made = hashOf(run);
  if (!made && (run.method === 'pca' || run.method === 'features')) {
    const bytes = embeddingFitBytes(workspace, run);
    if (bytes) made = { kind: run.method, sha256: sha256Hex(bytes) };
  }
  if (!made) return null;
  return { ...made, method: run.method, modality: run.modality, dim: embeddingShape(workspace, run.id).dim };
}

/** The command whose run has the identity `expected`. */
function remedyFor(expected: EmbeddingIdentity): string {
  const file = `the file of sha256 ${expected.sha256.slice(0, 12)}…`;
  if (expected.kind === 'onnx') return `embed --model <${file}>`;
  if (expected.kind === IMPORTED_METHOD) return `import-embeddings <${file}>`;
  return `embed --method ${expected.kind} --fitted <${file}> (export-fitted of the run it came from)`;
}

function describe(identity: Pick<EmbeddingIdentity, 'kind' | 'sha256' | 'dim'>): string {
  return `${identity.dim}-d ${identity.kind} vectors of ${identity.sha256.slice(0, 12)}`;
}

/**
 * Refuses to apply a model of `expected` embeddings (a forest, a reference) to `run`: a different fixed model, a
 * different width, or a run no fixed model made. `fileName` and `what` ("forest") name it in the message.
 */
export function checkEmbeddingIdentity(
  workspace: Workspace,
  run: RunRow,
  expected: EmbeddingIdentity,
  fileName: string,
  what: string,
): EmbeddingIdentity {
  const found = embeddingIdentity(workspace, run);
  const wanted = `${fileName}'s ${what} applies to ${describe(expected)}`;
  const remedy = `make one with ${remedyFor(expected)} first`;
  if (!found)
    throw new FittedFileError(
      `${wanted}; embedding run ${run.id} (${run.method}) was not made by a fixed model: ${remedy}`,
      'conflict',
    );
  if (found.dim !== expected.dim || found.kind !== expected.kind || found.sha256 !== expected.sha256)
    throw new FittedFileError(`${wanted}; embedding run ${run.id} holds ${describe(found)}: ${remedy}`, 'conflict');
  return found;
}
