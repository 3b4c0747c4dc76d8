// A .npy of vectors (float16/32/64, [rows, dim]) or scores ([rows] or [rows, 1]), with the
// names of its rows in a second file, --names: one name per line (text), a .npy of strings
// or integer ids, or a .csv/.tsv table with a header (its id column, and its ra/dec columns
// for --match radec, since a bare .npy has no positions).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readNpy, parseNpyPrelude, type NpyArray } from '../../formats/arrays/npy.js';
import { isNpyStringDescr, readNpyStrings } from '../../formats/arrays/npy-strings.js';
import { fromFloat16Bits } from '../../formats/arrays/float16.js';
import { parseCsv } from '../../formats/tables/csv.js';
import {
  DEFAULT_DEC_COLUMN,
  DEFAULT_ID_COLUMN,
  DEFAULT_RA_COLUMN,
  ImportError,
  keyText,
  valueShape,
  type ImportedRows,
  type ImportReadOptions,
} from './imported-rows.js';

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv']);

function floatValues(array: NpyArray, what: string): Float32Array {
  if (array.dtype === '<f4') return array.data as Float32Array;
  if (array.dtype === '<f8') return Float32Array.from(array.data as Float64Array);
  if (array.dtype === '<f2') return fromFloat16Bits(array.data as Uint16Array);
  throw new ImportError(`${what} holds ${array.dtype} values; save it as float32 or float64`);
}

interface RowNames {
  keys: (string | null)[] | null;
  ra: Float64Array | null;
  dec: Float64Array | null;
}

/** A 1-D (or [n, 1]) .npy of names: strings, or integer ids written out in full. */
function npyNames(bytes: Uint8Array, what: string): (string | null)[] {
  const { descr, shape } = parseNpyPrelude(bytes);
  if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1))
    throw new ImportError(`${what} is shaped [${shape.join(', ')}]; names need one per row, [rows]`);
  if (isNpyStringDescr(descr) || descr.includes('O')) return readNpyStrings(bytes).values.map(keyText);
  const array = readNpy(bytes);
  return Array.from(array.data as ArrayLike<number | bigint>, keyText);
}

function tableColumn(columns: string[], wanted: string, what: string): number {
  const index = columns.indexOf(wanted);
  if (index < 0) throw new ImportError(`${what} has no column "${wanted}"; its columns: ${columns.join(', ')}`);
  return index;
}

function tableNames(text: string, options: ImportReadOptions, what: string): RowNames {
  const { columns, rows } = parseCsv(text, { delimiter: 'auto' });
  const out: RowNames = { keys: null, ra: null, dec: null };
  const idColumn = options.idColumn ?? DEFAULT_ID_COLUMN;
  if (options.needKeys || columns.includes(idColumn)) {
    const c = tableColumn(columns, idColumn, what);
    out.keys = rows.map((row) => keyText(row[c]));
  }
  if (options.needPositions) {
    const position = (name: string): Float64Array => {
      const c = tableColumn(columns, name, what);
      return Float64Array.from(rows, (row) => (row[c].trim() === '' ? NaN : Number(row[c])));
    };
    out.ra = position(options.raColumn ?? DEFAULT_RA_COLUMN);
    out.dec = position(options.decColumn ?? DEFAULT_DEC_COLUMN);
  }
  return out;
}

/** One name per line; blank lines at the end are not rows, blank lines inside are rows with no name. */
function textNames(text: string): (string | null)[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.map(keyText);
}

async function readRowNames(path: string, options: ImportReadOptions): Promise<RowNames> {
  const what = basename(path);
  const extension = extname(path).toLowerCase();
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new ImportError(err.code === 'ENOENT' ? `no names file ${path}` : `cannot read ${path}: ${err.message}`);
  });
  if (TABLE_EXTENSIONS.has(extension)) return tableNames(bytes.toString('utf8'), options, what);
  if (options.needPositions)
    throw new ImportError(
      `--match radec with a .npy needs --names as a .csv with ${options.raColumn ?? DEFAULT_RA_COLUMN} and ` +
        `${options.decColumn ?? DEFAULT_DEC_COLUMN} columns (one row per vector)`,
    );
  const keys = extension === '.npy' ? npyNames(bytes, what) : textNames(bytes.toString('utf8'));
  return { keys, ra: null, dec: null };
}

export async function readNpyRows(path: string, options: ImportReadOptions): Promise<ImportedRows> {
  const what = basename(path);
  const array = readNpy(await readFile(path));
  const { rows, dim } = valueShape(options.kind, array.shape, what);
  const values = floatValues(array, what);
  if (!options.names)
    throw new ImportError(
      `a .npy holds no names: give --names (a text file with one name per line, a .npy of names, or a .csv)`,
    );
  const names = await readRowNames(options.names, options);
  const count = (names.keys ?? names.ra)?.length ?? rows;
  if (count !== rows)
    throw new ImportError(`${basename(options.names)} has ${count} rows of names for the ${rows} rows of ${what}`);
  return { format: 'npy', rows, dim, values, ...names };
}
