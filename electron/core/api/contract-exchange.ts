// Requests and results of moving things in and out of a workspace: exporting objects, labels
// and files; a learned encoder as ONNX; vectors or scores made elsewhere, imported as a run.
import { z } from 'zod';
import { EXPORT_FORMATS, IMPORT_KINDS, MODALITIES } from './contract-lists.js';

export const ExportRequest = z.object({
  out: z.string().min(1),
  formats: z.array(z.enum(EXPORT_FORMATS)).default(['csv']),
  labelledOnly: z.boolean().default(false),
  withFiles: z.boolean().default(false),
  withEmbeddings: z.boolean().default(false),
});
export type ExportRequest = z.input<typeof ExportRequest>;

/** A learned embedding run's encoder written as an ONNX file (`embed --model` runs it again). */
export const ExportModelRequest = z.object({
  run: z
    .string()
    .regex(/^[\w.-]+$/)
    .max(200),
  out: z.string().min(1).max(4096),
});
export type ExportModelRequest = z.input<typeof ExportModelRequest>;

/** Input pixels [N, H, W, C] as stored, output the embedding [N, D]. */
export interface ExportModelResult {
  runId: string;
  /** The absolute path written. */
  out: string;
  bytes: number;
  sha256: string;
  input: { name: string; shape: (number | string)[] };
  output: { name: string; shape: (number | string)[] };
}

/**
 * Vectors or scores made elsewhere, read from a .npy (+ names file), Parquet or HDF5 file and
 * recorded as a run of method `imported` (electron/core/discovery/imports/).
 */
export const ImportRequest = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.string().min(1).max(4096),
  /** How rows find objects: `name`, `catalog:<column>` (a joined catalog's value) or `radec` (within 2″). */
  match: z
    .string()
    .regex(/^(name|radec|catalog:.+)$/, 'must be name, catalog:<column> or radec')
    .max(300)
    .default('name'),
  /** .npy: the names file (text, one per line; .npy of strings or ids; .csv/.tsv with a header). */
  names: z.string().min(1).max(4096).optional(),
  /** Parquet, a names table: the id column; HDF5: the names dataset. Default `name`. */
  idColumn: z.string().min(1).max(300).optional(),
  /** Parquet: the list column of vectors (default the one list column). */
  vectorColumn: z.string().min(1).max(300).optional(),
  /** Parquet: one column per dimension, `a,b,c` or `prefix*`. */
  columns: z.string().min(1).max(10_000).optional(),
  /** HDF5: the dataset of values, and of names. */
  dataset: z.string().min(1).max(1000).optional(),
  namesDataset: z.string().min(1).max(1000).optional(),
  raColumn: z.string().min(1).max(300).default('ra'),
  decColumn: z.string().min(1).max(300).default('dec'),
  /** Only objects of this modality (default: the one the rows match). */
  modality: z.enum(MODALITIES).optional(),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export interface ImportResult {
  runId: string;
  kind: (typeof IMPORT_KINDS)[number];
  format: string;
  /** The absolute path read, and its sha256 (both in the run's params). */
  file: string;
  sha256: string;
  rows: number;
  dim: number;
  matched: number;
  /** Rows left out: no object found, an object an earlier row took, or another modality. */
  unmatched: number;
  unmatchedExamples: string[];
  /** Objects (of the run's modality) the file gives no values. */
  objectsWithout: number;
  modality: string | null;
}
