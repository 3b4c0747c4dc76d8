// The rows of a file of vectors or scores made elsewhere, whatever its format: values, and
// what each row can be matched on (a name or catalog value, a sky position). The readers
// (read-npy-rows.ts, read-parquet-rows.ts, read-hdf5-rows.ts) each fill one, with the
// helpers here; read-imported-rows.ts picks the reader.
import type { ImportKind } from '../../api/contract-lists.js';

export const IMPORT_FORMATS = ['npy', 'parquet', 'hdf5'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type { ImportKind };

export interface ImportedRows {
  format: ImportFormat;
  rows: number;
  /** Values per row (1 for scores). */
  dim: number;
  /** rows × dim, row-major. */
  values: Float32Array;
  /** Each row's name or catalog value as text (null where the file has none); null when it has no names. */
  keys: (string | null)[] | null;
  /** Each row's position in degrees (NaN where the file has none); null when not asked for. */
  ra: Float64Array | null;
  dec: Float64Array | null;
}

/** Where in the file the values, names and positions are; each format reads the options it knows. */
export interface ImportReadOptions {
  kind: ImportKind;
  /** npy: the names file (text, one per line; .npy of strings or integers; .csv/.tsv with a header). */
  names?: string;
  /** Parquet, a names .csv: the column of names; HDF5: the names dataset. Default `name`. */
  idColumn?: string;
  /** Parquet: the list column of vectors (default: the one list column). */
  vectorColumn?: string;
  /** Parquet: one column per dimension, `a,b,c` or `prefix*` (every column starting with prefix, in file order). */
  columns?: string;
  /** HDF5: the dataset of values (default: the one 2-D float dataset; scores: the one 1-D float dataset). */
  dataset?: string;
  /** HDF5: the names dataset (same as idColumn). */
  namesDataset?: string;
  raColumn?: string;
  decColumn?: string;
  /** Names are needed to match on, or only read when present, to name the rows in messages. */
  needKeys: boolean;
  /** Positions are needed to match on (and names then optional). */
  needPositions: boolean;
}

export const DEFAULT_ID_COLUMN = 'name';
export const DEFAULT_RA_COLUMN = 'ra';
export const DEFAULT_DEC_COLUMN = 'dec';

/** A file that cannot be imported as asked; the message says what to change. */
export class ImportError extends Error {
  override name = 'ImportError';
  /** An ErrorCode of the API contract, as a field (errors.ts reads it), so the api layer need not know this class. */
  readonly code = 'bad-request';
}

/**
 * Rows and values per row from an array's shape: embeddings are [rows, dim]; scores are [rows]
 * or [rows, 1]. `what` names the array in the message.
 */
export function valueShape(kind: ImportKind, shape: readonly number[], what: string): { rows: number; dim: number } {
  const described = `[${shape.join(', ')}]`;
  if (kind === 'embedding') {
    if (shape.length !== 2 || shape[1] < 1)
      throw new ImportError(`${what} is shaped ${described}; an embedding needs a 2-D array [rows, dim]`);
    return { rows: shape[0], dim: shape[1] };
  }
  if (shape.length === 1) return { rows: shape[0], dim: 1 };
  if (shape.length === 2 && shape[1] === 1) return { rows: shape[0], dim: 1 };
  throw new ImportError(`${what} is shaped ${described}; scores need one value per row, [rows] or [rows, 1]`);
}

/**
 * Checks that every value (rows × dim, row-major) is finite: a NaN in a vector would poison
 * every distance to it. `nameOf` names a row in the message.
 */
export function checkFiniteValues(values: Float32Array, dim: number, nameOf: (row: number) => string): void {
  let bad = 0;
  let first = -1;
  for (let r = 0; r * dim < values.length; r++) {
    for (let d = 0; d < dim; d++) {
      if (!Number.isFinite(values[r * dim + d])) {
        if (first < 0) first = r;
        bad++;
        break;
      }
    }
  }
  if (bad > 0)
    throw new ImportError(
      `${bad} matched row${bad === 1 ? ' has' : 's have'} NaN or infinite values (first: ${nameOf(first)}); ` +
        'drop or fill them before importing',
    );
}

/** A value read as a JS value (Parquet cells) as a number; NaN where it is none (checkFiniteValues names it). */
export function numericValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return NaN;
}

/** A name or id cell as text: integers keep every digit, text is trimmed, absent is null. */
export function keyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const text = value.replace(/\0+$/, '').trim();
    return text === '' ? null : text;
  }
  if (value instanceof Uint8Array) return keyText(Buffer.from(value).toString('utf8'));
  return null;
}
