// Result shapes of the views' API methods (map, inspector, gallery, jobs). Column data is
// typed arrays, never arrays of per-object records: it goes to deck.gl unchanged. Over
// HTTP such results travel as one binary frame (binary-frame.ts).

/** The current map as columns, row i describing one object. */
export interface MapData {
  /** The map run drawn, or null when the workspace has no map yet (then count is 0). */
  runId: string | null;
  count: number;
  /** Object ids (exact integers up to 2^53). */
  ids: Float64Array;
  x: Float32Array;
  y: Float32Array;
  /** Anomaly score of the latest score run, aligned with ids; NaN where the run has none; null when there is no score run. */
  score: Float32Array | null;
  scoreRun: string | null;
  /** 0 = unlabelled, k = labelNames[k - 1]. */
  labelCode: Uint8Array;
  labelNames: string[];
  /** Catalog metadata columns that can colour the map (see mapColumn). */
  metadataColumns: { key: string; numeric: boolean }[];
}

/** One metadata column aligned with MapData.ids. */
export interface MapColumn {
  key: string;
  numeric: boolean;
  /** Numeric columns: the value, NaN where missing; null for categorical columns. */
  values: Float32Array | null;
  /** Categorical columns: 0 = missing, k = categories[k - 1]; null for numeric columns. */
  codes: Uint16Array | null;
  categories: string[];
}

export interface LabelEvent {
  action: 'set' | 'clear';
  label: string | null;
  relevance: number | null;
  note: string | null;
  source: string;
  at: string;
}

export interface ObjectDetails {
  id: number;
  name: string;
  path: string;
  modality: 'image' | 'spectrum';
  width: number | null;
  height: number | null;
  bands: number | null;
  hdu: number | null;
  ra: number | null;
  dec: number | null;
  thumb: string | null;
  metadata: Record<string, string>;
  /** The latest score of each scoring method, newest run first. */
  scores: { runId: string; method: string; score: number; rank: number; of: number }[];
  label: string | null;
  relevance: number | null;
  note: string | null;
  history: LabelEvent[];
}

/** Pixels for the inspector: planar float bands, rows top-down (north up for FITS). */
export interface ObjectPixels {
  id: number;
  source: 'fits' | 'raster';
  width: number;
  height: number;
  bands: number;
  /** Source size before any downsampling to the inspector's limit. */
  originalWidth: number;
  originalHeight: number;
  /** bands × height × width; NaN = no data. Raster images: 0–255. */
  data: Float32Array;
  /** Band names where the file gives them (FITS FILTERn/BANDn keywords), else b0, b1, ... */
  bandNames: string[];
}

export interface LabelledObject {
  id: number;
  name: string;
  thumb: string | null;
  label: string;
  relevance: number | null;
  note: string | null;
  updatedAt: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  method: string;
  state: JobState;
  stage: string;
  done: number;
  total: number;
  /** Items per second in the current stage; null until measurable. */
  rate: number | null;
  /** Seconds left in the current stage; null until measurable. */
  etaSeconds: number | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The method's result once done (JSON). */
  result: unknown;
  error: string | null;
}

export interface JobEvent {
  type: 'queued' | 'progress' | 'finished';
  job: JobInfo;
}
