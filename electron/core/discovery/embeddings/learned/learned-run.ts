// What one learned run works with, shared by its phases (learned-embedding-run.ts opens and
// finishes it, learned-training.ts trains it, learned-encode.ts encodes): the caller's options,
// the parameters stored with the run, and the run as each phase sees it.
import type { Workspace } from '../../../workspace/workspace.js';
import type { ModelInputReader } from '../model-input-batches.js';
import type { ModelFolder } from './model-folder.js';
import type { EncodeEngine } from './learned-encode.js';
import type { BackendChoice, SelectedBackend } from '../../../../../native-models/backends/index.js';
import type { LearnedModelKind } from '../../../../../native-models/model-architecture.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';

export interface LearnedEmbeddingOptions {
  method: LearnedModelKind;
  /** Which objects: images (default) or spectra. */
  modality?: 'image' | 'spectrum';
  dim?: number;
  /** Objects trained on (a seeded sample); default all, up to the backend's default (training-sizes.ts). */
  sample?: number;
  epochs?: number;
  /** Default by backend: larger on a GPU (training-sizes.ts). */
  batchSize?: number;
  /** Filters per convolution ×width; default by backend (wider on a GPU). */
  width?: number;
  seed?: number;
  backend?: BackendChoice;
  store?: string;
  /** Continue this unfinished run from its last checkpoint (its own parameters are kept). */
  resume?: string;
  /**
   * Encode augmented views of every object for its stability (default true). Not a stored parameter: a resumed run
   * measures it unless told not to again.
   */
  stability?: boolean;
  /** Encoding threads; default min(2, cores), 1 below 1,024 objects. */
  encodeWorkers?: number;
  /** Who encodes once trained (default auto: onnxruntime where it is faster, see learned-encode.ts). */
  encodeEngine?: EncodeEngine;
  /** Run on the calling thread (tests of the TypeScript sources). */
  inProcess?: boolean;
  /** `detail` changes every step (epoch, loss, images/s); `stage` only between phases. */
  onProgress?: (done: number, total: number, stage: string, detail?: string) => void;
  /** The backend chosen, as soon as it is known (for the user). */
  onBackend?: (selected: SelectedBackend) => void;
  signal?: AbortSignal;
}

/** The run's parameters as stored in the database (snake_case, as every run's params). */
export interface StoredParams {
  modality: 'image' | 'spectrum';
  store: string;
  size: number;
  bands: number;
  objects: number;
  dim: number;
  /** Objects trained on, batch and width: null until the backend is known and sets the default. */
  sample: number | null;
  epochs: number;
  batch_size: number | null;
  width: number | null;
  /** The batch before out-of-memory halved it (once), if it did. */
  batch_halved_from?: number;
  seed: number;
  learning_rate: number;
  backend_requested: BackendChoice;
}

export type Progress = NonNullable<LearnedEmbeddingOptions['onProgress']>;

/** A run just opened (started or reopened): what is known before any model work. */
export interface OpenedRun {
  workspace: Workspace;
  options: LearnedEmbeddingOptions;
  progress: Progress;
  id: string;
  modality: 'image' | 'spectrum';
  store: string;
  reader: ModelInputReader;
  /** Shared by every phase: training records its sample size here. */
  params: StoredParams;
  /** True when continuing an unfinished run (its checkpoint, if any, is where training starts). */
  resumed: boolean;
}

/** What every phase of one run works with. */
export interface LearnedRun extends OpenedRun {
  folder: ModelFolder;
  config: LearnedModelConfig;
  backend: BackendChoice;
  inputsPath: string;
  /** The objects training may draw on, in a seeded order. */
  candidateRows: Int32Array;
}

/** The model configuration a run's stored parameters describe: what trained it, and what rebuilds it. */
export function learnedConfigOf(kind: LearnedModelKind, params: StoredParams): LearnedModelConfig {
  const common = {
    kind,
    dim: params.dim,
    seed: params.seed,
    learningRate: params.learning_rate,
    ...(params.width === null ? {} : { width: params.width }),
  };
  return params.modality === 'spectrum'
    ? { ...common, modality: 'spectrum', geometry: { length: params.size, channels: params.bands } }
    : { ...common, modality: 'image', geometry: { size: params.size, bands: params.bands } };
}
