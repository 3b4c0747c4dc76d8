// The API contract: request and result shapes with runtime schemas. The CLI, Electron IPC
// and browser mode all validate against these and call the one implementation in
// serendip-service.ts, so a feature is written once.
import { z } from 'zod';
import { MapFilterSchema } from './contract-filters.js';
import type {
  JobInfo,
  LabelledObject,
  MapColumn,
  MapData,
  MapLabelChanges,
  ObjectDetails,
  ObjectPixels,
} from './view-types.js';
import {
  EMBED_METHODS,
  MODALITIES,
  MODEL_BACKENDS,
  ONNX_NORMALISATIONS,
  ONNX_PROVIDER_CHOICES,
  QUEUE_MODES,
  RANK_METHODS,
  SPECTRUM_REGIMES,
} from './contract-lists.js';
import type { ComputeDevicesRequest, DeviceReport } from './device-report-schema.js';
import type { ExportFittedRequest, ExportFittedResult } from './contract-fitted.js';
import type { ObjectPreview } from './contract-preview.js';
import type {
  NewWorkspaceRequest,
  OpenWorkspaceRequest,
  OpenedWorkspace,
  RecentWorkspaceInfo,
  RevealFolderRequest,
  SuggestWorkspaceRequest,
  SuggestedWorkspace,
} from './contract-workspaces.js';
import type {
  ExportModelRequest,
  ExportModelResult,
  ExportRequest,
  ImportRequest,
  ImportResult,
} from './contract-exchange.js';

export * from './contract-lists.js';
export * from './contract-fitted.js';
export * from './contract-preview.js';
export * from './contract-workspaces.js';
export * from './contract-exchange.js';
export { ComputeDevicesRequest, DeviceReport } from './device-report-schema.js';

export const DemoRequest = z.object({
  objects: z.number().int().min(1).max(1_000_000).default(2000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** SDSS-style spectra written and ingested beside the cutouts (0: none). */
  spectra: z.number().int().min(0).max(1_000_000).default(0),
});
export type DemoRequest = z.input<typeof DemoRequest>;

export const IngestRequest = z.object({
  paths: z.array(z.string().min(1)).min(1),
  catalog: z.string().min(1).optional(),
  inputSize: z.number().int().min(8).max(512).default(64),
  crop: z.number().gt(0).max(1).default(1),
  concurrency: z.number().int().min(1).max(64).default(8),
  /** FITS: the image HDU to read, by number or EXTNAME (default: the first holding an image). */
  hdu: z.union([z.number().int().min(0).max(100_000), z.string().min(1).max(68)]).optional(),
  /** FITS: every image HDU of a file becomes its own object. */
  eachHdu: z.boolean().default(false),
});
export type IngestRequest = z.input<typeof IngestRequest>;

/** label null: a relevance alone (the queue's 0–5 keys); the object keeps any label and note it has. */
export const LabelRequest = z
  .object({
    name: z.string().min(1),
    label: z.string().trim().min(1).max(100).nullable().default(null),
    relevance: z.number().int().min(0).max(5).nullable().default(null),
    note: z.string().max(10_000).nullable().default(null),
  })
  .refine((r) => r.label !== null || r.relevance !== null, { message: 'give a label, a relevance (0-5) or both' });
export type LabelRequest = z.input<typeof LabelRequest>;

export const LabelManyRequest = z.object({
  names: z.array(z.string().min(1)).min(1).max(1_000_000),
  label: z.string().trim().min(1).max(100),
  relevance: z.number().int().min(0).max(5).nullable().default(null),
  note: z.string().max(10_000).nullable().default(null),
});
export type LabelManyRequest = z.input<typeof LabelManyRequest>;

export interface LabelResult {
  name: string;
  label: string | null;
  relevance: number | null;
  note: string | null;
}

/** What undoLabel did: the newest undone object's label now, and how many label changes were undone (a batch). */
export interface UndoResult extends LabelResult {
  changes: number;
}

/** The path of a fitted file written by export-fitted. */
const fittedFile = z.string().min(1).max(4096);

export const EmbedRequest = z.object({
  /** Default: features for images, pca for spectra (DEFAULT_EMBED_METHOD). */
  method: z.enum(EMBED_METHODS).optional(),
  modality: z.enum(MODALITIES).default('image'),
  /** Spectra: the model grid whose inputs are embedded (default: the grid most of the spectra are on). */
  grid: z.enum(SPECTRUM_REGIMES).optional(),
  dim: z.number().int().min(2).max(1024).default(32),
  sample: z.number().int().min(10).optional(),
  seed: z.number().int().min(0).default(0),
  /** Learned methods: the tfjs backend (default: the best one present). */
  backend: z.enum(MODEL_BACKENDS).default('auto'),
  /** Learned methods: training epochs (default per method). */
  epochs: z.number().int().min(1).max(10_000).optional(),
  /** Learned methods: objects per training step (default by backend: larger on a GPU). */
  batchSize: z.number().int().min(2).max(65_536).optional(),
  /** Learned methods: filters per convolution ×width (default by backend: 2 on a GPU, else 1). */
  width: z.number().int().min(1).max(8).optional(),
  /**
   * Learned methods: also encode augmented views of every object to measure its embedding_stability (default on;
   * the views make encoding several times slower on the CPU).
   */
  stability: z.boolean().default(true),
  /** Learned methods: continue this unfinished run from its last checkpoint. */
  resume: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
  /** A pretrained ONNX image encoder (path of the .onnx file) run instead of `method`. */
  model: z.string().min(1).max(4096).optional(),
  /** ONNX: side fed to a model whose spatial dims are dynamic (default the stored side). */
  inputSize: z.number().int().min(1).max(4096).optional(),
  /**
   * ONNX: `asinh`, the stored values as they are; `meanstd`, (v − mean)/std per band of them. Default: meanstd when
   * mean/std are given.
   */
  normalise: z.enum(ONNX_NORMALISATIONS).optional(),
  mean: z.array(z.number().finite()).min(1).max(64).optional(),
  std: z.array(z.number().positive()).min(1).max(64).optional(),
  /** ONNX: the output that becomes the embedding (default the first). */
  output: z.string().min(1).optional(),
  /** ONNX: onnxruntime execution provider (default: the platform's accelerator where it loads, else cpu). */
  provider: z.enum(ONNX_PROVIDER_CHOICES).default('auto'),
  /** pca, features: a fitted file (export-fitted of a run of the same method) applied instead of fitting. */
  fitted: fittedFile.optional(),
});

export interface EmbedResult {
  runId: string;
  count: number;
  dim: number;
  /** Learned methods: the backend and device that trained and encoded. */
  backend?: string;
  device?: string;
  /** The autoencoder's reconstruction-error score run. */
  reconstructionRun?: string | null;
  /** Learned methods: what encoded once trained (onnxruntime and its provider, or tfjs and its backend). */
  encodedWith?: string;
  /** ONNX: the execution provider, in words, and the model's sha256 (models/onnx/<sha256>.onnx). */
  provider?: string;
  modelSha256?: string;
}
export type EmbedRequest = z.input<typeof EmbedRequest>;

export const RankRequest = z
  .object({
    /** Default `ensemble`, or `iforest` with `forest` (the only method a fitted forest gives). */
    method: z.enum(RANK_METHODS).optional(),
    seed: z.number().int().min(0).default(0),
    /** A fitted isolation forest (export-fitted of an iforest or ensemble run): scores without fitting. */
    forest: fittedFile.optional(),
    /** Score the newest embedding of this modality (default: the newest of any). */
    modality: z.enum(MODALITIES).optional(),
  })
  .transform((r) => ({ ...r, method: r.method ?? (r.forest === undefined ? 'ensemble' : 'iforest') }));
export type RankRequest = z.input<typeof RankRequest>;

export const MapRequest = z.object({
  /** A fitted map reference (export-fitted of a map run): objects are placed on it, the reference fixed. */
  reference: fittedFile.optional(),
  /** Lay out the newest embedding of this modality (default: the newest of any). */
  modality: z.enum(MODALITIES).optional(),
});
export type MapRequest = z.input<typeof MapRequest>;

export const QueueRequest = z.object({
  mode: z.enum(QUEUE_MODES).default('discover'),
  n: z.number().int().min(1).max(100_000).default(20),
  /** like-labels and uncertain: learn this one label against every other; default: interesting vs not. */
  label: z.string().min(1).optional(),
  /** Only objects of the map that pass this filter (map-filter.ts). */
  filter: MapFilterSchema.optional(),
});
export type QueueRequest = z.input<typeof QueueRequest>;

/** One departure from its format's standard in a file that was ingested all the same. */
export interface IngestWarning {
  path: string;
  message: string;
  at: string;
}

/** One object in a ranked or neighbour list. `score`: anomaly score, probability, or distance for `similar`. */
export interface ObjectHit {
  id: number;
  name: string;
  path: string;
  thumb: string | null;
  score: number;
  distance?: number;
  uncertainty?: number;
}

export const RunSummary = z.object({
  id: z.string(),
  kind: z.string(),
  method: z.string(),
  /** The objects the run covers (image, spectrum); absent for runs of no one modality. */
  modality: z.string().nullish(),
  created: z.string(),
});

export const StatusResult = z.object({
  objects: z.number(),
  images: z.number(),
  spectra: z.number(),
  errors: z.number(),
  /** Files ingested with warnings (see `status --errors`). */
  warnings: z.number(),
  /** Objects with a label; `rated`: objects with a relevance and no label (a rating, not a label). */
  labels: z.number(),
  rated: z.number(),
  runs: z.array(RunSummary),
  /**
   * Runs that did not finish (killed, cancelled or failed), newest last: a learned embedding among them can be resumed.
   */
  unfinished: z.array(RunSummary.extend({ status: z.string(), message: z.string().nullable() })),
});
export type StatusResult = z.infer<typeof StatusResult>;

export interface CatalogJoinResult {
  rows: number;
  matched: number;
  unmatched: number;
  by: 'name' | 'position';
  key: string;
  unmatchedExamples: string[];
}

export interface IngestResult {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  ignored: number;
  total: number;
  errors: { path: string; reason: string }[];
  /** Files read all the same with departures from their format's standard (sloppy FITS cards), and what they were. */
  warnings: { path: string; messages: string[] }[];
  catalog?: CatalogJoinResult;
  runId: string;
  /** A plan's shard: which, of how many, and its folder name (shard-0003). */
  shard?: { index: number; count: number; name: string };
  /** A plan's sample: objects sampled of those planned. */
  sample?: { objects: number; planned: number };
}

export interface DemoResult {
  files: number;
  anomalies: number;
  truthPath: string;
  dataDir: string;
  ingest: IngestResult;
  /** When spectra were asked for: how many, how many anomalous, and their truth CSV. */
  spectra?: { files: number; anomalies: number; truthPath: string };
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
  /** What changes from step to step (a training loss, images/s); the stage stays, so rate and ETA hold. */
  detail?: string;
}

export interface CallOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** What every transport exposes. Methods are added here only when they really work. */
export interface SerendipApi {
  status(): StatusResult;
  ingest(request: IngestRequest, options?: CallOptions): Promise<IngestResult>;
  demo(request: DemoRequest, options?: CallOptions): Promise<DemoResult>;
  label(request: LabelRequest): LabelResult;
  clearLabel(name: string): LabelResult;
  /** Imports a `name,label[,relevance][,note]` CSV: all rows land, or none (with why). */
  labelFromCsv(path: string): Promise<{ labelled: number }>;
  undoLabel(): UndoResult | null;
  embed(request: EmbedRequest, options?: CallOptions): Promise<EmbedResult>;
  rank(request: RankRequest, options?: CallOptions): Promise<{ runId: string; method: string; count: number }>;
  map(request?: MapRequest, options?: CallOptions): Promise<{ runId: string; count: number }>;
  top(n?: number): ObjectHit[];
  queue(request: QueueRequest): ObjectHit[];
  similar(names: string[], k?: number): ObjectHit[];
  /** Why an object is odd: each scorer's rank, its features against its k typical neighbours' (σ), and where. */
  explain(name: string, k?: number): Promise<import('./contract-explain.js').Explanation>;
  /** The top-n anomalies (images) in families of look-alikes (embedding + morphology features), the largest first. */
  families(n?: number, modality?: string): import('./contract-families.js').AnomalyFamily[];
  exportCollection(
    request: ExportRequest,
    options?: CallOptions,
  ): Promise<{ outDir: string; rows: number; files: string[] }>;
  errors(limit?: number): { path: string; reason: string; at: string }[];
  /** Warnings of the files ingested all the same (sloppy FITS cards), by file. */
  warnings(limit?: number): IngestWarning[];
  /** A learned embedding run's encoder as an ONNX file. */
  exportModel(request: ExportModelRequest, options?: CallOptions): Promise<ExportModelResult>;
  /** A pca/features embedding, iforest/ensemble score or map run's model as a fitted file. */
  exportFitted(request: ExportFittedRequest, options?: CallOptions): Promise<ExportFittedResult>;
  /** Vectors or scores made elsewhere, as a run of method `imported` (all matched rows, or no run). */
  importRun(request: ImportRequest, options?: CallOptions): Promise<ImportResult>;
  /** One label for a set (map box selection, "label these"): all land in one transaction, or none. */
  labelMany(request: LabelManyRequest): { labelled: number };
  /** Where the open workspace lives (title bar, default export folder). */
  workspaceInfo(): { root: string; name: string };
  /** The current map as columns for deck.gl (typed arrays; see view-types.ts). */
  mapData(): MapData;
  /**
   * What changed in mapData's label column after label event `since` (MapData.labelEvent): small, where mapData is the
   * whole map.
   */
  mapLabelChanges(since: number): MapLabelChanges;
  /** One catalog metadata column aligned with mapData().ids, to colour the map by. */
  mapColumn(key: string): MapColumn;
  /** The map rows whose object's name contains `text`, for the map's name filter. */
  mapNameMatches(text: string): import('./contract-filters.js').MapNameMatches;
  /** Saved map views (a named filter and colouring), by name. */
  savedViews(): import('./contract-filters.js').SavedView[];
  /** Saves the view under its name, replacing one of the same name. */
  saveView(request: import('./contract-filters.js').SaveViewRequest): import('./contract-filters.js').SavedView;
  deleteView(name: string): { deleted: boolean };
  objectDetails(id: number): ObjectDetails;
  /** The source image's pixels for the inspector, downsampled to at most 512 px a side. */
  objectPixels(id: number): Promise<ObjectPixels>;
  /** Display previews (≤ PREVIEW_SIDE px, aspect kept), made on first request and kept in previews/. */
  objectPreviews(ids: number[]): Promise<ObjectPreview[]>;
  /**
   * A spectrum object's wavelength, flux, 1σ error and good-pixel columns for the inspector's plot; refused for
   * images.
   */
  objectSpectrum(id: number): Promise<import('./view-types.js').ObjectSpectrum>;
  /**
   * Objects whose name contains `text` (exact, then prefix matches first), any modality: "go to object". Typed RA/Dec
   * lists the objects nearest it instead, with their separation (object-search.ts).
   */
  findObjects(text: string, limit?: number): import('./view-types.js').ObjectMatch[];
  /** Thumbnails of up to 64 objects as one WebP mosaic, for the zoomed-in map (thumbnail-atlas.ts). */
  thumbnailAtlas(ids: number[]): Promise<import('./thumbnail-atlas.js').ThumbnailAtlas>;
  /** Labelled objects, newest change first; only those with `label` when given. */
  labelled(label?: string): LabelledObject[];
  labelCounts(): { label: string; count: number }[];
  /** Starts a job method (JOB_METHODS) in the background; events go to JobRunner listeners. */
  startJob(method: string, args: unknown[]): { jobId: string };
  /** Recent and current jobs, oldest first. */
  jobs(): JobInfo[];
  cancelJob(id: string): { cancelled: boolean };
  /** Recently opened workspaces (browser mode; Electron lists them in its File menu). */
  recentWorkspaces(): RecentWorkspaceInfo[];
  /** Opens another workspace; this one closes (its jobs cancelled) once the new one is open. */
  openWorkspace(request: OpenWorkspaceRequest): Promise<OpenedWorkspace>;
  /** Makes a workspace from a folder and opens it; the ingest runs as a job. */
  createWorkspaceFromFolder(request: NewWorkspaceRequest): Promise<OpenedWorkspace>;
  /** Opens the demo collection's workspace, making it (as jobs) the first time. */
  openDemo(): Promise<OpenedWorkspace>;
  /** Where createWorkspaceFromFolder would put a workspace made from a folder. */
  suggestWorkspaceLocation(request: SuggestWorkspaceRequest): SuggestedWorkspace;
  /** Shows a folder in the file manager (the desktop app only). */
  revealFolder(request: RevealFolderRequest): { shown: string };
  /** Every tfjs backend and onnxruntime provider here: whether it runs (or why not), on what, and how fast. */
  computeDevices(request: ComputeDevicesRequest, options?: CallOptions): Promise<DeviceReport>;
  close(): void;
}
