// A FITS binary-table (BINTABLE) writer: the demo spectra are written the way SDSS writes
// its spec files (an empty primary HDU, then tables), and tests write table fixtures whose
// values are known. Big-endian, fixed-width columns only (no heap, no variable-length
// arrays), every HDU padded to 2880 bytes.
import { writeFileAtomic, writeFileAtomicSync } from '../../util/atomic-write.js';
import { FITS_BLOCK, encodeFitsHeader, formatCard, type FitsCardValue } from './writer.js';

/**
 * TFORM type codes: L logical, B uint8, I int16, J int32, K int64, E float32, D float64,
 * A characters.
 */
export type BinTableForm = 'L' | 'B' | 'I' | 'J' | 'K' | 'E' | 'D' | 'A';

export type BinTableCard = [keyword: string, value: FitsCardValue, comment?: string];

export interface BinTableColumn {
  /** TTYPE: the column name, e.g. 'flux'. */
  name: string;
  form: BinTableForm;
  /** Elements per row; default 1. For 'A' it is the string width in bytes. */
  repeat?: number;
  /** TUNIT, e.g. '1E-17 erg/s/cm^2/Ang'; omitted when absent. */
  unit?: string;
  /**
   * Values row after row, `repeat` per row (row i holds data[i*repeat .. (i+1)*repeat)).
   * 'A' takes one string per row (ASCII, truncated, or NUL-padded to the width) or one
   * Uint8Array per row (bytes as they are, e.g. UTF-8 text); 'L' takes booleans or numbers
   * (nonzero is true; null is the FITS null, a zero byte); 'K' takes a BigInt64Array or
   * safe integers.
   */
  data: ArrayLike<number> | BigInt64Array | readonly string[] | readonly Uint8Array[] | readonly (boolean | null)[];
}

export interface BinTableToWrite {
  /** EXTNAME; omitted when absent. */
  extname?: string;
  columns: BinTableColumn[];
  /** Extra header cards after the column descriptions. */
  cards?: BinTableCard[];
}

const BYTES: Record<BinTableForm, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, E: 4, D: 8, A: 1 };

function repeatOf(column: BinTableColumn): number {
  const repeat = column.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 0) throw new Error(`column ${column.name}: bad repeat ${repeat}`);
  return repeat;
}

/** Rows in the table; every column must agree. */
function rowCountOf(columns: readonly BinTableColumn[]): number {
  let rows: number | null = null;
  for (const column of columns) {
    const repeat = repeatOf(column);
    const perRow = column.form === 'A' ? 1 : repeat;
    if (perRow === 0) continue;
    if (column.data.length % perRow !== 0) {
      throw new Error(`column ${column.name}: ${column.data.length} values is not a multiple of ${perRow}`);
    }
    const count = column.data.length / perRow;
    if (rows !== null && count !== rows)
      throw new Error(`column ${column.name} has ${count} rows, others have ${rows}`);
    rows = count;
  }
  return rows ?? 0;
}

type NumericForm = Exclude<BinTableForm, 'A'>;

const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * A column's values as native bytes, one element after another: the data itself where it
 * already is the right typed array, else a converted copy. Copying bytes out of a Uint8Array
 * keeps the interleaving loop monomorphic, which matters for spectra of thousands of rows.
 */
function nativeBytes(form: NumericForm, data: BinTableColumn['data']): Uint8Array {
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  switch (form) {
    case 'L':
      return Uint8Array.from(data as ArrayLike<unknown>, (v) => (v === null ? 0 : v ? 0x54 : 0x46)); // 'T' / 'F' / null
    case 'B':
      return data instanceof Uint8Array ? data : Uint8Array.from(data as ArrayLike<number>);
    case 'I':
      return view(data instanceof Int16Array ? data : Int16Array.from(data as ArrayLike<number>));
    case 'J':
      return view(data instanceof Int32Array ? data : Int32Array.from(data as ArrayLike<number>));
    case 'K':
      return view(
        data instanceof BigInt64Array ? data : BigInt64Array.from(data as ArrayLike<number>, (v) => BigInt(v)),
      );
    case 'E':
      return view(data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>));
    case 'D':
      return view(data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number>));
  }
}

function writeStrings(out: Uint8Array, column: BinTableColumn, rows: number, rowBytes: number, start: number): void {
  const width = repeatOf(column);
  const strings = column.data as readonly (string | Uint8Array)[];
  for (let r = 0; r < rows; r++) {
    const value = strings[r];
    const base = r * rowBytes + start;
    if (value instanceof Uint8Array) {
      out.set(value.subarray(0, width), base); // the rest of the slot stays NUL
      continue;
    }
    const text = String(value ?? '');
    for (let k = 0; k < width; k++) {
      const code = k < text.length ? text.charCodeAt(k) : 0; // NUL ends a short string (FITS 7.3.3.1)
      if (code > 0x7e) throw new Error(`column ${column.name}: non-ASCII character in ${JSON.stringify(text)}`);
      out[base + k] = code;
    }
  }
}

/** Copies the column into its slot of every row, big-endian. */
function writeColumn(out: Uint8Array, column: BinTableColumn, rows: number, rowBytes: number, start: number): void {
  if (column.form === 'A') return writeStrings(out, column, rows, rowBytes, start);
  const size = BYTES[column.form];
  const swap = LITTLE_ENDIAN_HOST && size > 1;
  const src = nativeBytes(column.form, column.data);
  const span = repeatOf(column) * size;
  for (let r = 0, s = 0; r < rows; r++) {
    const rowStart = r * rowBytes + start;
    if (!swap) {
      out.set(src.subarray(s, s + span), rowStart);
      s += span;
      continue;
    }
    for (let o = rowStart, end = rowStart + span; o < end; o += size, s += size) {
      for (let b = 0; b < size; b++) out[o + b] = src[s + size - 1 - b];
    }
  }
}

/** One BINTABLE extension: header and data, each padded to whole 2880-byte blocks. */
export function encodeBinTable(table: BinTableToWrite): Buffer {
  const { columns } = table;
  if (columns.length === 0) throw new Error('a binary table needs at least one column');
  if (columns.length > 999) throw new Error('a binary table has at most 999 columns');
  const rows = rowCountOf(columns);
  const starts: number[] = [];
  let rowBytes = 0;
  for (const column of columns) {
    if (!(column.form in BYTES)) throw new Error(`column ${column.name}: unsupported TFORM ${column.form}`);
    starts.push(rowBytes);
    rowBytes += repeatOf(column) * BYTES[column.form];
  }

  const cards = [
    formatCard('XTENSION', 'BINTABLE', 'binary table extension'),
    formatCard('BITPIX', 8, '8-bit bytes'),
    formatCard('NAXIS', 2, '2-dimensional binary table'),
    formatCard('NAXIS1', rowBytes, 'width of table in bytes'),
    formatCard('NAXIS2', rows, 'number of rows in table'),
    formatCard('PCOUNT', 0, 'size of special data area'),
    formatCard('GCOUNT', 1, 'one data group (required keyword)'),
    formatCard('TFIELDS', columns.length, 'number of fields in each row'),
  ];
  columns.forEach((column, i) => {
    cards.push(formatCard(`TTYPE${i + 1}`, column.name));
    // A lone number is written bare ('E'), as SDSS and astropy write it; strings keep the width.
    const repeat = repeatOf(column);
    cards.push(
      formatCard(`TFORM${i + 1}`, repeat === 1 && column.form !== 'A' ? column.form : `${repeat}${column.form}`),
    );
    if (column.unit) cards.push(formatCard(`TUNIT${i + 1}`, column.unit));
  });
  if (table.extname) cards.push(formatCard('EXTNAME', table.extname, 'name of this binary table extension'));
  for (const [keyword, value, comment] of table.cards ?? []) cards.push(formatCard(keyword, value, comment));

  const dataBytes = rows * rowBytes;
  const data = Buffer.alloc(Math.ceil(dataBytes / FITS_BLOCK) * FITS_BLOCK); // zero padding, as the standard asks
  columns.forEach((column, i) => writeColumn(data, column, rows, rowBytes, starts[i]));
  return Buffer.concat([encodeFitsHeader(cards), data]);
}

/** A primary HDU with no data (NAXIS = 0, EXTEND = T), carrying `cards`. */
export function encodeEmptyPrimaryHdu(cards: readonly BinTableCard[] = []): Buffer {
  return encodeFitsHeader([
    formatCard('SIMPLE', true, 'conforms to FITS standard'),
    formatCard('BITPIX', 8, 'array data type'),
    formatCard('NAXIS', 0, 'number of array dimensions'),
    formatCard('EXTEND', true),
    ...cards.map(([keyword, value, comment]) => formatCard(keyword, value, comment)),
  ]);
}

/** A whole file: an empty primary HDU with `primaryCards`, then one extension per table. */
export function encodeFitsTables(primaryCards: readonly BinTableCard[], tables: readonly BinTableToWrite[]): Buffer {
  return Buffer.concat([encodeEmptyPrimaryHdu(primaryCards), ...tables.map(encodeBinTable)]);
}

export function writeFitsTablesSync(
  path: string,
  primaryCards: readonly BinTableCard[],
  tables: readonly BinTableToWrite[],
): void {
  writeFileAtomicSync(path, encodeFitsTables(primaryCards, tables));
}

export async function writeFitsTables(
  path: string,
  primaryCards: readonly BinTableCard[],
  tables: readonly BinTableToWrite[],
): Promise<void> {
  await writeFileAtomic(path, encodeFitsTables(primaryCards, tables));
}
