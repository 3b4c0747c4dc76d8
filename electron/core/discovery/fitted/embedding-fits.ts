// The embedding models of fitted files (pca, features): checking one against the workspace's
// model inputs before `embed --fitted` applies it, and the file of an embedding run made here,
// which export-fitted writes and whose sha256 is that run's identity (embedding-identity.ts).
import { existsSync, readFileSync } from 'node:fs';
import type { Workspace } from '../../workspace/workspace.js';
import type { RunRow } from '../../workspace/repositories/runs-repo.js';
import { imageInputStores, type ModelInputReader } from '../embeddings/model-input-batches.js';
import { featureNames } from '../embeddings/morphology/morphology-features.js';
import { DEFAULT_CLIP } from '../embeddings/morphology/standardise.js';
import { FittedFileError } from './fitted-file.js';
import { encodeFittedModel, type FeaturesFit, type InputGeometry, type PcaFit } from './fitted-models.js';
import {
  fittedOfRun,
  readFittedFile,
  requireKind,
  runModelPath,
  sourceOfRun,
  storedFitPath,
  workspaceCrop,
  type LoadedFit,
} from './fitted-store.js';

export type EmbeddingFit = PcaFit | FeaturesFit;

function geometryWords(input: InputGeometry): string {
  return `${input.size}×${input.size}×${input.bands} model inputs (${input.store})`;
}

/** Reads the file `embed --method <method> --fitted` applies; refuses another kind, or inputs it cannot apply to. */
export function loadEmbeddingFit(
  workspace: Workspace,
  method: 'pca' | 'features',
  path: string,
): LoadedFit<EmbeddingFit> {
  const fit = requireKind(readFittedFile(path), method);
  const { input } = fit.model;
  const stores = imageInputStores(workspace.db).map((s) => s.name);
  if (!stores.includes(input.store)) {
    const here = stores.length ? `this workspace's are ${stores.join(', ')}` : 'this workspace has no image inputs';
    throw new FittedFileError(
      `${fit.name} is a ${method} model of ${geometryWords(input)}; ${here}: ` +
        `ingest ${input.bands}-band images with --input-size ${input.size} to apply it`,
      'conflict',
    );
  }
  const crop = workspaceCrop(workspace);
  if (input.crop !== null && crop !== null && crop !== input.crop) {
    throw new FittedFileError(
      `${fit.name} was fitted on inputs ingested with --crop ${input.crop}; this workspace's were ingested with ` +
        `--crop ${crop}: ingest with --crop ${input.crop} to apply it`,
      'conflict',
    );
  }
  if (fit.model.kind === 'features') {
    const names = featureNames(input.bands);
    if (names.join() !== fit.model.names.join())
      throw new FittedFileError(
        `${fit.name} scales features (${fit.model.names.length}) that this Serendip does not compute ` +
          `(${names.length}): export it again with this version`,
        'conflict',
      );
  }
  return fit;
}

/** The geometry a model fitted on `reader`'s inputs records. */
export function readerGeometry(workspace: Workspace, reader: ModelInputReader): InputGeometry {
  return { store: reader.store, size: reader.size, bands: reader.bands, crop: workspaceCrop(workspace) };
}

/** Checks that the store a fitted model reads holds the layout it was fitted on. */
export function checkReaderGeometry(fit: LoadedFit<EmbeddingFit>, reader: ModelInputReader): void {
  const { input } = fit.model;
  if (reader.size !== input.size || reader.bands !== input.bands || reader.store !== input.store)
    throw new FittedFileError(
      `${fit.name} is a model of ${geometryWords(input)}; ${reader.store} holds ${reader.size}×${reader.size}×` +
        `${reader.bands}`,
      'conflict',
    );
}

interface EmbeddingRunParams {
  store?: string;
  size?: number;
  bands?: number;
  crop?: number | null;
  feature_names?: string[];
  standardise?: { method: string; centre: number[]; scale: number[]; clip?: number };
}

/**
 * The bytes of the fitted file of an embedding run, or null when no file reproduces its vectors. A run that applied
 * a file gives that file (its copy under models/fitted/); a PCA fitted here, the model it saved; a features run
 * fitted here, its scaling as recorded in its params.
 */
export function embeddingFitBytes(workspace: Workspace, run: RunRow): Uint8Array | null {
  if (run.kind !== 'embedding' || run.status !== 'done') return null;
  const applied = fittedOfRun(run);
  if (applied) {
    const path = storedFitPath(workspace, applied.sha256);
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
  }
  if (run.method === 'pca') {
    const path = runModelPath(workspace, run.id);
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
  }
  if (run.method !== 'features') return null;
  const params = JSON.parse(run.params) as EmbeddingRunParams;
  const { store, size, bands, standardise } = params;
  if (!store || !size || !bands || !standardise || standardise.method !== 'median-iqr') return null;
  const input: InputGeometry = {
    store,
    size,
    bands,
    crop: params.crop === undefined ? workspaceCrop(workspace) : params.crop,
  };
  const model: FeaturesFit = {
    kind: 'features',
    source: sourceOfRun(run),
    input,
    names: params.feature_names ?? featureNames(bands),
    clip: standardise.clip ?? DEFAULT_CLIP,
    centre: Float64Array.from(standardise.centre),
    scale: Float64Array.from(standardise.scale),
  };
  return encodeFittedModel(model);
}
