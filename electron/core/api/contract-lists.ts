// The closed lists of the API contract, each written once. Nothing heavy is imported (no zod,
// only other import-free lists), so the renderer can bundle these values for its menus;
// contract.ts re-exports them and builds its request schemas from them, and the CLI's choices
// derive from them too.
import { BACKEND_NAMES } from '../../../native-models/backends/backend-interface.js';
import { ONNX_PROVIDERS } from '../../../native-models/onnx/onnx-provider-names.js';

/** What an object is: the two kinds ingest makes. */
export const MODALITIES = ['image', 'spectrum'] as const;
export type Modality = (typeof MODALITIES)[number];

/** The wavelength regimes a spectrum's model grid covers (ingest/spectrum-grid.ts holds each grid). */
export const SPECTRUM_REGIMES = ['optical', 'ultraviolet', 'near-infrared'] as const;
export type SpectrumRegime = (typeof SPECTRUM_REGIMES)[number];

export const EMBED_METHODS = ['features', 'pca', 'autoencoder', 'contrastive'] as const;
export type EmbedMethod = (typeof EMBED_METHODS)[number];

/** The embedding `embed` computes when no method is named, per modality: the fast one that needs no GPU. */
export const DEFAULT_EMBED_METHOD: Record<Modality, EmbedMethod> = { image: 'features', spectrum: 'pca' };

/** The embed methods that train a network: they take a backend and epochs, resume, and export as ONNX. */
export const LEARNED_EMBED_METHODS = ['autoencoder', 'contrastive'] as const satisfies readonly EmbedMethod[];
export type LearnedEmbedMethod = (typeof LEARNED_EMBED_METHODS)[number];

export function isLearnedEmbedMethod(method: string): method is LearnedEmbedMethod {
  return (LEARNED_EMBED_METHODS as readonly string[]).includes(method);
}

/** The tfjs backends, best first, after `auto` (the best one present). */
export const MODEL_BACKENDS = ['auto', ...BACKEND_NAMES] as const;
export type ModelBackend = (typeof MODEL_BACKENDS)[number];

/** onnxruntime's execution providers, `auto` first (the list lives beside the provider code, import-free). */
export const ONNX_PROVIDER_CHOICES = ONNX_PROVIDERS;
export const ONNX_NORMALISATIONS = ['asinh', 'meanstd'] as const;

/** The anomaly scorers that score on their own; `ensemble` combines them all. */
export const RANK_SCORERS = ['iforest', 'lof', 'knn'] as const;
export type RankScorer = (typeof RANK_SCORERS)[number];
export const RANK_METHODS = [...RANK_SCORERS, 'ensemble'] as const;
export type RankMethod = (typeof RANK_METHODS)[number];

/**
 * discover: anomalies re-ranked by the labels so far; like-labels: more like the ones marked; uncertain: the objects
 * like-labels' classifier is least sure of (probability nearest 0.5), the ones whose labels teach it most.
 */
export const QUEUE_MODES = ['discover', 'like-labels', 'uncertain'] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

/**
 * The method of every run whose vectors or scores were made elsewhere and imported from a file
 * (`import-embeddings`, `import-scores`): rank, map, similar, the queue and export read it like any other run.
 */
export const IMPORTED_METHOD = 'imported';
/** What an imported file holds: an embedding (a vector per object) or a score (a value per object). */
export const IMPORT_KINDS = ['embedding', 'score'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'parquet', 'fits'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The API methods that run as jobs (progress events, cancel): the transports start them in the
 * background and answer `{ jobId }` at once. The CLI awaits them like any other method.
 * computeDevices is one too: its probes take half a minute, and queued behind a training job they
 * time the devices rather than the devices shared with it.
 */
export const JOB_METHODS = [
  'demo',
  'ingest',
  'embed',
  'rank',
  'map',
  'exportCollection',
  'exportModel',
  'exportFitted',
  'importRun',
  'computeDevices',
] as const;
export type JobMethod = (typeof JOB_METHODS)[number];

/**
 * Why a call failed, in words a client can branch on; browser mode answers each with one HTTP
 * status (browser-server.ts) and IPC carries it in the reply. `unsupported`: a valid request
 * this object or workspace cannot serve (a spectrum's pixels, a run with no encoder).
 */
export const ERROR_CODES = ['bad-request', 'not-found', 'conflict', 'unsupported', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
