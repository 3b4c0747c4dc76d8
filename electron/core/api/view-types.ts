// Result shapes of the views' API methods (map, inspector, gallery, jobs). Column data is
// typed arrays, never arrays of per-object records: it goes to deck.gl unchanged. Over
// HTTP such results travel as one binary frame (binary-frame.ts).
import type { ErrorCode, Modality } from './contract-lists.js';

/** In a relevance column: the object has no relevance without a label (it has a label, or nothing). */
export const NO_RATING = 255;

/** The current map as columns, row i describing one object. */
export interface MapData {
  /** The map run drawn, or null when the workspace has no map yet (then count is 0). */
  runId: string | null;
  count: number;
  /** Object ids (exact integers up to 2^53). */
  ids: Float64Array;
  x: Float32Array;
  y: Float32Array;
  /**
   * Anomaly score of each modality's latest score run, aligned with ids; NaN where the runs have none; null when there
   * is no score run.
   */
  score: Float32Array | null;
  /** The score runs `score` comes from, one per modality (none: empty). */
  scoreRuns: string[];
  /** 0 = unlabelled, k = labelNames[k - 1]. */
  labelCode: Uint8Array;
  labelNames: string[];
  /** The relevance (0–5) of an object rated without a label, else NO_RATING: a rating, drawn apart from labels. */
  ratings: Uint8Array;
  /**
   * The newest label event labelCode reflects (0: none yet): pass it to mapLabelChanges to learn what changed since.
   */
  labelEvent: number;
  /** Catalog columns that can colour the map (see mapColumn); identifiers and paths are left out (column-kind.ts). */
  metadataColumns: { key: string }[];
}

/**
 * The label column's changes since a label event, for the rows of one map run: what a
 * label, a set label, an undo or an import changed, without sending the whole map again.
 */
export interface MapLabelChanges {
  /** The map run the rows index (null: no map); a client holding another run reloads mapData instead. */
  runId: string | null;
  /** The `since` asked for, and the newest label event included (pass it as the next `since`). */
  since: number;
  labelEvent: number;
  /** Map rows whose object's label changed after `since`, and each one's label now: 0 = none, k = names[k - 1]. */
  rows: Uint32Array;
  codes: Uint16Array;
  names: string[];
  /** Each changed row's relevance without a label now, else NO_RATING (as MapData.ratings). */
  ratings: Uint8Array;
}

/** One catalog column aligned with MapData.ids, as the map colours it (column-kind.ts). */
export interface MapColumn {
  key: string;
  /** categorical: one colour per value (at most COLOUR_CATEGORY_LIMIT); continuous: a colour bar in its units. */
  kind: 'categorical' | 'continuous';
  /** Continuous columns: the value, NaN where missing; null for categorical columns. */
  values: Float32Array | null;
  /** Categorical columns: 0 = missing, k = categories[k - 1]; null for continuous columns. */
  codes: Uint16Array | null;
  /** The values, numbers in numeric order; past the palette, the commonest and then "other". */
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
  modality: Modality;
  width: number | null;
  height: number | null;
  bands: number | null;
  hdu: number | null;
  ra: number | null;
  dec: number | null;
  thumb: string | null;
  metadata: Record<string, string>;
  /** The latest score of each scoring method, newest run first; rank and of as scoreRank (score-numbers.ts). */
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

/** What a finished job amounts to (jobs/job-outcome.ts): an ingest's counts and its problem files. */
export interface JobOutcome {
  /** The counts, in words: "20 added, 22 failed, 5 with warnings". */
  summary: string;
  /** Files that failed plus files read with warnings; above 0 the job is done with problems. */
  problems: number;
}

export interface JobInfo {
  id: string;
  method: string;
  state: JobState;
  stage: string;
  /** The latest step's particulars (e.g. "epoch 2/15, loss 0.41, 2,310 images/s"), or null. */
  detail: string | null;
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
  /** The result in words, for the methods that have one (ingest, demo); null otherwise or before the end. */
  outcome: JobOutcome | null;
  error: string | null;
  /** Why a failed job failed, as an API error code; null unless failed. */
  errorCode: ErrorCode | null;
}

export interface JobEvent {
  type: 'queued' | 'progress' | 'finished';
  job: JobInfo;
}

/**
 * One spectrum object for the inspector's plot, at the file's own resolution (objectSpectrum).
 * Columns are aligned: pixel i is wavelength[i], flux[i], sigma[i], good[i].
 */
export interface ObjectSpectrum {
  id: number;
  name: string;
  /** Observed-frame wavelength of each pixel centre in Å, increasing; in vacuum when `vacuum` is true. */
  wavelength: Float64Array;
  /** Flux density per pixel in `fluxUnit`; NaN where the file gives none. */
  flux: Float32Array;
  /** 1σ error of flux (1/√ivar); NaN where ivar is 0 (no information); null when the file has no ivar. */
  sigma: Float32Array | null;
  /** 1 where the pixel is usable (finite flux, ivar > 0, no mask bit), 0 where it is masked. */
  good: Uint8Array;
  /** The redshift to mark lines at: the catalog's `z` metadata, else the file's; null when neither gives one. */
  z: number | null;
  /** Where `z` came from. */
  zSource: 'catalog' | 'file' | null;
  /** The file's own redshift (SDSS SPECOBJ Z); null when it has none. */
  fileZ: number | null;
  /** Spectroscopic class (catalog `class` metadata, else the file's: GALAXY, QSO, STAR); null when unknown. */
  class: string | null;
  /** Flux unit as the file writes it (SDSS: 1E-17 erg/cm^2/s/Angstrom); null when absent. */
  fluxUnit: string | null;
  /** True when `wavelength` is in vacuum (the file said vacuum, or said air and was converted); false: as written. */
  vacuum: boolean;
  /** The convention in words, with what said so: "vacuum wavelengths, converted from air (AIRORVAC = 'air')". */
  wavelengthNote: string;
  /** The file layout the spectrum was read as, in words ("IRAF multispec", "an HST x1d file", …). */
  layout: string;
  /** The wavelength regime whose model grid holds its model input (optical, …), or 'none' outside every grid. */
  modelGrid: string | null;
}

/** An object whose name matched a search (findObjects), for "go to object". */
export interface ObjectMatch {
  id: number;
  name: string;
  modality: Modality;
  thumb: string | null;
  /** Arcseconds from the coordinates searched for; absent for a search by name. */
  separationArcsec?: number;
}
