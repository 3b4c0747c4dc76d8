// A Parquet file as a plain table of cells, for catalogs: astronomers' catalogs now often
// come as Parquet (Gaia, DESI, LSST). Flat columns only matter here; anything nested is
// kept as JSON text so no value is silently dropped. 64-bit integers stay BigInt so ids
// such as DESI TARGETIDs keep every digit.
import { onFirstUse } from '../../util/heavy-packages.js';

const loadHyparquet = onFirstUse(() => import('hyparquet'));

/** One cell: null where the file has no value. */
export type ParquetCell = string | number | boolean | bigint | null;

export interface ParquetTable {
  columns: string[];
  /** Row-major; every row has columns.length cells. */
  rows: ParquetCell[][];
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A decoded value as a cell: dates as ISO text, bytes as hex, lists and structs as JSON. */
export function parquetCell(value: unknown): ParquetCell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return value;
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return toHex(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A Parquet file's bytes as hyparquet reads them, hyparquet itself (loaded on first use) and the file's metadata. */
export async function openParquetFile(bytes: Uint8Array) {
  // hyparquet wants an ArrayBuffer holding exactly the file.
  const file =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  const hyparquet = await loadHyparquet();
  return { file, hyparquet, metadata: await hyparquet.parquetMetadataAsync(file) };
}

export async function readParquetTable(bytes: Uint8Array): Promise<ParquetTable> {
  const { file, hyparquet, metadata } = await openParquetFile(bytes);
  const { parquetRead, parquetSchema } = hyparquet;
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  let rows: ParquetCell[][] = [];
  await parquetRead({
    file,
    metadata,
    rowFormat: 'array',
    onComplete: (decoded: unknown[][]) => {
      rows = decoded.map((row) => columns.map((_, c) => parquetCell(row[c])));
    },
  });
  return { columns, rows };
}
