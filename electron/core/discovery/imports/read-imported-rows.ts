// Picks the reader of an imported file by its first bytes, so a misnamed file is still read as
// what it is. Each reader loads on first use, with its library (hyparquet, h5wasm).
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, type ImportedRows, type ImportFormat, type ImportReadOptions } from './imported-rows.js';

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
const NPY_MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** The format of a file from its first bytes; null when it is none of them. */
export async function sniffImportFormat(path: string): Promise<ImportFormat | null> {
  const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new ImportError(err.code === 'ENOENT' ? `no file ${path}` : `cannot read ${path}: ${err.message}`);
  });
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const start = head.subarray(0, bytesRead);
    if (start.subarray(0, 6).equals(NPY_MAGIC)) return 'npy';
    if (start.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
    if (start.equals(HDF5_SIGNATURE)) return 'hdf5';
    return null;
  } finally {
    await handle.close();
  }
}

/** Reads `path` with the reader of its format (each loaded on first use, with its library). */
export async function readImportedRows(path: string, options: ImportReadOptions): Promise<ImportedRows> {
  const format = await sniffImportFormat(path);
  if (format === 'npy') return (await import('./read-npy-rows.js')).readNpyRows(path, options);
  if (format === 'parquet') return (await import('./read-parquet-rows.js')).readParquetRows(path, options);
  if (format === 'hdf5') return (await import('./read-hdf5-rows.js')).readHdf5Rows(path, options);
  throw new ImportError(`${basename(path)} is not a .npy, Parquet or HDF5 file`);
}
