// A Parquet table of vectors or scores: an id column (--id-column, default `name`), the values
// either in one list column (--vector-column; default the table's one list column, as
// pandas/pyarrow write an array per row) or one column per dimension (--columns a,b,c, or
// --columns 'emb_*' for every column whose name starts with `emb_`, in the file's order).
// Scores default to a column named `score`. Positions come from --ra-column/--dec-column.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openParquetColumns, type ParquetColumnInfo } from '../../formats/tables/parquet-columns.js';
import {
  DEFAULT_DEC_COLUMN,
  DEFAULT_ID_COLUMN,
  DEFAULT_RA_COLUMN,
  ImportError,
  keyText,
  numericValue,
  type ImportedRows,
  type ImportReadOptions,
} from './imported-rows.js';

const DEFAULT_SCORE_COLUMN = 'score';

type ValueColumns = { list: string } | { scalars: string[] };

function columnNamed(columns: ParquetColumnInfo[], name: string, what: string): ParquetColumnInfo {
  const column = columns.find((c) => c.name === name);
  if (!column)
    throw new ImportError(`${what} has no column "${name}"; its columns: ${columns.map((c) => c.name).join(', ')}`);
  return column;
}

/** `a,b,c` in that order, or `prefix*`: every scalar column whose name starts with prefix, in file order. */
export function resolveColumnList(spec: string, columns: ParquetColumnInfo[], what: string): string[] {
  const text = spec.trim();
  if (text.endsWith('*')) {
    const prefix = text.slice(0, -1);
    const found = columns.filter((c) => c.shape === 'scalar' && c.name.startsWith(prefix)).map((c) => c.name);
    if (found.length === 0) throw new ImportError(`${what} has no column whose name starts with "${prefix}"`);
    return found;
  }
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of names) {
    if (columnNamed(columns, name, what).shape !== 'scalar')
      throw new ImportError(`column "${name}" of ${what} is not one value per row; name a list with --vector-column`);
  }
  if (names.length === 0) throw new ImportError('--columns names no column');
  return names;
}

function chooseValueColumns(columns: ParquetColumnInfo[], options: ImportReadOptions, what: string): ValueColumns {
  if (options.vectorColumn && options.columns) throw new ImportError('give --vector-column or --columns, not both');
  if (options.vectorColumn) {
    if (columnNamed(columns, options.vectorColumn, what).shape !== 'list')
      throw new ImportError(`column "${options.vectorColumn}" of ${what} is not a list column; use --columns`);
    return { list: options.vectorColumn };
  }
  if (options.columns) return { scalars: resolveColumnList(options.columns, columns, what) };
  if (options.kind === 'score' && columns.some((c) => c.name === DEFAULT_SCORE_COLUMN && c.shape === 'scalar'))
    return { scalars: [DEFAULT_SCORE_COLUMN] };
  const lists = columns.filter((c) => c.shape === 'list');
  if (lists.length === 1) return { list: lists[0].name };
  const hint = options.kind === 'score' ? `--columns <score column>` : `--vector-column or --columns 'prefix*'`;
  throw new ImportError(
    lists.length === 0
      ? `${what} has no list column of ${options.kind === 'score' ? 'scores' : 'vectors'}; ` +
          `name the columns with ${hint}`
      : `${what} has ${lists.length} list columns (${lists.map((c) => c.name).join(', ')}); choose one with ${hint}`,
  );
}

function listValues(cells: unknown[], what: string, column: string): { dim: number; values: Float32Array } {
  const first = cells.find((c) => Array.isArray(c)) as unknown[] | undefined;
  const dim = first?.length ?? 0;
  if (dim === 0) throw new ImportError(`column "${column}" of ${what} holds no values`);
  const values = new Float32Array(cells.length * dim).fill(NaN);
  cells.forEach((cell, r) => {
    if (cell === null) return;
    const list = cell as unknown[];
    if (list.length !== dim)
      throw new ImportError(
        `row ${r + 1} of column "${column}" in ${what} has ${list.length} values, row 1 has ${dim}`,
      );
    for (let d = 0; d < dim; d++) values[r * dim + d] = numericValue(list[d]);
  });
  return { dim, values };
}

export async function readParquetRows(path: string, options: ImportReadOptions): Promise<ImportedRows> {
  const what = basename(path);
  const table = await openParquetColumns(new Uint8Array(await readFile(path)));
  const source = chooseValueColumns(table.columns, options, what);
  const idColumn = options.idColumn ?? DEFAULT_ID_COLUMN;
  const raColumn = options.raColumn ?? DEFAULT_RA_COLUMN;
  const decColumn = options.decColumn ?? DEFAULT_DEC_COLUMN;
  const wanted = 'list' in source ? [source.list] : [...source.scalars];
  const hasKeys = options.needKeys || table.columns.some((c) => c.name === idColumn);
  if (hasKeys) wanted.push(columnNamed(table.columns, idColumn, what).name);
  if (options.needPositions)
    wanted.push(columnNamed(table.columns, raColumn, what).name, columnNamed(table.columns, decColumn, what).name);
  const read = await table.read([...new Set(wanted)]);
  const { rows } = table;
  let dim: number;
  let values: Float32Array;
  if ('list' in source) ({ dim, values } = listValues(read.get(source.list)!, what, source.list));
  else {
    dim = source.scalars.length;
    values = new Float32Array(rows * dim);
    source.scalars.forEach((name, d) => {
      read.get(name)!.forEach((cell, r) => (values[r * dim + d] = numericValue(cell)));
    });
  }
  if (options.kind === 'score' && dim !== 1)
    throw new ImportError(`scores need one value per row; ${what} gives ${dim}: name one column with --columns`);
  const position = (name: string): Float64Array => Float64Array.from(read.get(name)!, numericValue);
  return {
    format: 'parquet',
    rows,
    dim,
    values,
    keys: hasKeys ? read.get(idColumn)!.map(keyText) : null,
    ra: options.needPositions ? position(raColumn) : null,
    dec: options.needPositions ? position(decColumn) : null,
  };
}
