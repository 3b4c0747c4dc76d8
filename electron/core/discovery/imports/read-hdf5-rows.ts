// An HDF5 file of vectors or scores: --dataset names the values ([rows, dim] for an embedding;
// [rows] or [rows, 1] for scores), by default the one 2-D numeric dataset at the top level
// (scores: the dataset `score`); the names are a 1-D dataset of strings or integer ids
// (--names-dataset or --id-column, default `name`); positions are the 1-D datasets
// --ra-column/--dec-column (default `ra`, `dec`).
import { basename } from 'node:path';
import { type Hdf5Dataset, type Hdf5File, hdf5Step, isDataset, openHdf5 } from '../../formats/hdf5/file.js';
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

const DEFAULT_SCORE_DATASET = 'score';

/** h5wasm's type codes: 0 integer, 1 float, 3 string. */
function isNumeric(dataset: Hdf5Dataset): boolean {
  const m = dataset.metadata;
  return (m.type === 0 || m.type === 1) && !m.vlen && !m.compound_type && !m.array_type && !m.enum_type;
}

function datasetAt(file: Hdf5File, path: string, what: string): Hdf5Dataset {
  const entity = hdf5Step(`cannot read ${path}`, () => file.get(path));
  if (!isDataset(entity)) {
    const top = hdf5Step('cannot list the HDF5 file', () => file.keys());
    throw new ImportError(`${what} has no dataset "${path}"; at its top level: ${top.join(', ')}`);
  }
  return entity;
}

function valuesDatasetPath(file: Hdf5File, options: ImportReadOptions, what: string): string {
  if (options.dataset) return options.dataset;
  if (options.kind === 'score') return DEFAULT_SCORE_DATASET;
  const candidates = hdf5Step('cannot list the HDF5 file', () => file.keys()).filter((name) => {
    const entity = file.get(name);
    return isDataset(entity) && isNumeric(entity) && entity.shape?.length === 2;
  });
  if (candidates.length === 1) return candidates[0];
  throw new ImportError(
    candidates.length === 0
      ? `${what} has no 2-D numeric dataset at its top level; name the vectors with --dataset`
      : `${what} has several 2-D datasets (${candidates.join(', ')}); choose one with --dataset`,
  );
}

function readAll(dataset: Hdf5Dataset, path: string): unknown {
  return hdf5Step(`cannot read ${path}`, () => dataset.value);
}

/** A 1-D dataset of rows values (names or positions), as JS values. */
function columnValues(file: Hdf5File, path: string, rows: number, what: string): unknown[] {
  const dataset = datasetAt(file, path, what);
  const shape = dataset.shape ?? [];
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== rows || shape.length === 0 || shape.some((n, i) => i > 0 && n !== 1))
    throw new ImportError(`dataset ${path} of ${what} is shaped [${shape.join(', ')}]; expected ${rows} values`);
  const value = readAll(dataset, path);
  return typeof value === 'object' && value !== null && 'length' in value
    ? Array.from(value as ArrayLike<unknown>)
    : [value];
}

export async function readHdf5Rows(path: string, options: ImportReadOptions): Promise<ImportedRows> {
  const what = basename(path);
  const file = await openHdf5(path).catch((err: Error) => {
    throw new ImportError(`cannot open ${what}: ${err.message}`);
  });
  try {
    const valuesPath = valuesDatasetPath(file, options, what);
    const dataset = datasetAt(file, valuesPath, what);
    if (!isNumeric(dataset)) throw new ImportError(`dataset ${valuesPath} of ${what} is not numeric`);
    const { rows, dim } = valueShape(options.kind, dataset.shape ?? [], `dataset ${valuesPath} of ${what}`);
    const raw = readAll(dataset, valuesPath) as ArrayLike<number | bigint>;
    const values = raw instanceof Float32Array ? raw : Float32Array.from(raw, Number);
    const namesPath = options.namesDataset ?? options.idColumn ?? DEFAULT_ID_COLUMN;
    const hasKeys = options.needKeys || isDataset(hdf5Step(`cannot read ${namesPath}`, () => file.get(namesPath)));
    const position = (name: string): Float64Array =>
      Float64Array.from(columnValues(file, name, rows, what), (v) =>
        typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN,
      );
    return {
      format: 'hdf5',
      rows,
      dim,
      values,
      keys: hasKeys ? columnValues(file, namesPath, rows, what).map(keyText) : null,
      ra: options.needPositions ? position(options.raColumn ?? DEFAULT_RA_COLUMN) : null,
      dec: options.needPositions ? position(options.decColumn ?? DEFAULT_DEC_COLUMN) : null,
    };
  } finally {
    file.close();
  }
}
