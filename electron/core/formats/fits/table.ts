// Reading FITS binary tables (XTENSION = 'BINTABLE'; ASCII tables in ascii-table.ts), the
// container of SDSS and DESI spectra and of most catalogs shipped as FITS. Columns come back
// as typed arrays, one per column, row-major for vector columns, so a 4,600-pixel spectrum is
// one Float32Array rather than 4,600 row objects. Only the columns asked for are decoded, so a
// wide SPECOBJ table costs what its few useful columns cost, and a column this reader refuses
// (variable-length P/Q arrays, complex C/M) only fails a read that asks for it, with an error
// naming it.
import { type FitsHeader, FitsFormatError } from './header.js';
import { type FitsHduInfo, listFitsHdus } from './hdu-list.js';
import type {
  FitsColumnArray,
  FitsColumnInfo,
  FitsTableCode,
  FitsTableColumn,
  FitsTableLayout,
} from './table-layout.js';
import { type AsciiField, describeAsciiTable, readAsciiColumn } from './ascii-table.js';

export interface FitsTable extends Omit<FitsTableLayout, 'columns'> {
  /** The columns read, in the order asked for (file order when all are read). */
  columns: FitsTableColumn[];
  /** A column read by name, ignoring case; undefined when absent or not asked for. */
  column(name: string): FitsTableColumn | undefined;
}

export interface ReadFitsTableOptions {
  /** HDU number or EXTNAME (ignoring case). Default: the first binary table, else the first ASCII table. */
  hdu?: number | string;
  /** Names of the columns to decode (ignoring case); a missing one is an error. Default: all. */
  columns?: string[];
  /** The HDU list when the caller has it already. */
  hdus?: FitsHduInfo[];
}

const BYTES_PER_ELEMENT: Record<FitsTableCode, number> = {
  L: 1,
  X: 0,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};
const TFORM = /^\s*(\d*)\s*([LXBIJKAEDCMPQ])(.*)$/i;

function fieldBytes(code: FitsTableCode, repeat: number): number {
  return code === 'X' ? Math.ceil(repeat / 8) : repeat * BYTES_PER_ELEMENT[code];
}

function parseTdim(text: string | undefined, field: number): number[] | null {
  if (text === undefined || text.trim() === '') return null;
  const match = /^\s*\(([\d\s,]+)\)\s*$/.exec(text);
  if (!match) throw new FitsFormatError(`TDIM${field} is not a list of axis lengths: '${text}'`);
  const dims = match[1].split(',').map((n) => Number(n.trim()));
  if (dims.some((n) => !Number.isSafeInteger(n) || n < 0))
    throw new FitsFormatError(`TDIM${field} has an invalid axis length: '${text}'`);
  return dims;
}

function describeColumn(header: FitsHeader, field: number, offset: number): FitsColumnInfo {
  const tform = header.getString(`TFORM${field}`);
  if (tform === undefined) throw new FitsFormatError(`binary table has no TFORM${field}`);
  const match = TFORM.exec(tform);
  if (!match) throw new FitsFormatError(`TFORM${field} = '${tform}' is not a binary-table format`);
  const code = match[2].toUpperCase() as FitsTableCode;
  const repeat = match[1] === '' ? 1 : Number(match[1]);
  if (!Number.isSafeInteger(repeat))
    throw new FitsFormatError(`TFORM${field} = '${tform}' has an impossible repeat count`);
  const name = header.getString(`TTYPE${field}`)?.trim() || `COL${field}`;
  const dims = parseTdim(header.getString(`TDIM${field}`), field);
  const unit = header.getString(`TUNIT${field}`)?.trim() || null;
  return { field, name, tform: tform.trim(), code, repeat, offset, bytes: fieldBytes(code, repeat), dims, unit };
}

/** The columns and size of a BINTABLE HDU, checked against the bytes the file holds. */
export function describeFitsTable(hdu: FitsHduInfo, fileBytes: number): FitsTableLayout {
  const where = hdu.extname ? `HDU ${hdu.index} '${hdu.extname}'` : `HDU ${hdu.index}`;
  if (hdu.type !== 'BINTABLE')
    throw new FitsFormatError(
      `${where} is ${hdu.type === 'PRIMARY' ? 'the primary HDU' : `a ${hdu.type} extension`}, not a binary table`,
    );
  const { header } = hdu;
  if (hdu.bitpix !== 8 || hdu.shape.length !== 2)
    throw new FitsFormatError(`${where} is not a valid binary table (BITPIX ${hdu.bitpix}, NAXIS ${hdu.shape.length})`);
  const [rowBytes, rows] = hdu.shape;
  const fields = header.getNumber('TFIELDS', 0);
  if (!Number.isInteger(fields) || fields < 0 || fields > 999)
    throw new FitsFormatError(`${where} has an invalid TFIELDS (${header.get('TFIELDS')})`);
  const columns: FitsColumnInfo[] = [];
  let offset = 0;
  for (let field = 1; field <= fields; field++) {
    const column = describeColumn(header, field, offset);
    columns.push(column);
    offset += column.bytes;
  }
  if (offset > rowBytes)
    throw new FitsFormatError(`${where}: its columns need ${offset} bytes a row, NAXIS1 says ${rowBytes}`);
  const tableBytes = rowBytes * rows;
  if (!Number.isSafeInteger(tableBytes)) throw new FitsFormatError(`${where} declares an impossible table size`);
  const available = fileBytes - hdu.dataOffset;
  if (tableBytes > available) {
    throw new FitsFormatError(
      `the file is truncated: ${where} needs ${tableBytes} bytes of table, only ${Math.max(0, available)} are present`,
    );
  }
  return { hduIndex: hdu.index, extname: hdu.extname ?? null, header, rows, rowBytes, columns };
}

/** The HDU asked for (number or EXTNAME), else the first binary table. */
export function findTableHdu(hdus: FitsHduInfo[], which: number | string | undefined): FitsHduInfo {
  if (typeof which === 'number') {
    const hdu = hdus[which];
    if (!Number.isInteger(which) || !hdu)
      throw new FitsFormatError(`the file has no HDU ${which} (it has ${hdus.length})`);
    return hdu;
  }
  if (typeof which === 'string') {
    const wanted = which.trim().toUpperCase();
    const hdu = hdus.find((h) => h.extname?.toUpperCase() === wanted);
    if (!hdu) throw new FitsFormatError(`the file has no HDU named '${which}'`);
    return hdu;
  }
  const hdu = hdus.find((h) => h.type === 'BINTABLE') ?? hdus.find((h) => h.type === 'TABLE');
  if (!hdu) throw new FitsFormatError('no table in the file');
  return hdu;
}

/** Copies one field of every row into a contiguous buffer, byte-swapped to host order for elementBytes > 1. */
function gatherField(
  buffer: Uint8Array,
  start: number,
  layout: FitsTableLayout,
  column: FitsColumnInfo,
  elementBytes: number,
): ArrayBuffer {
  const { rows, rowBytes } = layout;
  const bytes = column.bytes;
  const out = Buffer.from(new ArrayBuffer(bytes * rows));
  if (bytes <= 16) {
    // Scalar and short fields (a spectrum's pixels): a byte loop beats a subarray per row.
    for (let r = 0, from = start + column.offset, to = 0; r < rows; r++, from += rowBytes) {
      for (let b = 0; b < bytes; b++) out[to++] = buffer[from + b];
    }
  } else {
    for (let r = 0, from = start + column.offset; r < rows; r++, from += rowBytes)
      out.set(buffer.subarray(from, from + bytes), r * bytes);
  }
  if (elementBytes === 2) out.swap16();
  else if (elementBytes === 4) out.swap32();
  else if (elementBytes === 8) out.swap64();
  return out.buffer as ArrayBuffer;
}

function unsupported(column: FitsColumnInfo, where: string): FitsFormatError {
  const why =
    column.code === 'P' || column.code === 'Q'
      ? 'is a variable-length array column, which Serendip does not read'
      : 'is a complex-valued column, which Serendip does not read';
  return new FitsFormatError(`column '${column.name}' (TFORM${column.field} = '${column.tform}') in ${where} ${why}`);
}

function readStrings(raw: Uint8Array, column: FitsColumnInfo, rows: number): { width: number; data: string[] } {
  // TDIM '(w,n,...)' splits each row into strings of w characters; so does the old 'rAw' form.
  const suffix = Number(TFORM.exec(column.tform)?.[3].trim() || NaN);
  const length = column.dims?.[0] ?? (Number.isInteger(suffix) && suffix > 0 ? suffix : column.repeat);
  const width = length > 0 ? Math.floor(column.repeat / length) : 0;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const data: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < width; k++) {
      const from = r * column.bytes + k * length;
      let s = text.toString('latin1', from, from + length);
      const nul = s.indexOf('\0');
      if (nul >= 0) s = s.slice(0, nul);
      data.push(s.replace(/ +$/, ''));
    }
  }
  return { width, data };
}

function readLogicals(raw: Uint8Array): { data: Uint8Array; nulls: Uint8Array | null } {
  const data = new Uint8Array(raw.length);
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x54 || c === 0x74) data[i] = 1;
    else if (c !== 0x46 && c !== 0x66) (nulls ??= new Uint8Array(raw.length))[i] = 1;
  }
  return { data, nulls };
}

function readBits(raw: Uint8Array, column: FitsColumnInfo, rows: number): Uint8Array {
  const out = new Uint8Array(rows * column.repeat);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < column.repeat; k++)
      out[r * column.repeat + k] = (raw[r * column.bytes + (k >> 3)] >> (7 - (k & 7))) & 1;
  }
  return out;
}

type IntegerArray = Uint8Array | Int16Array | Int32Array | BigInt64Array;

function storedIntegers(code: 'B' | 'I' | 'J' | 'K', buffer: ArrayBuffer): IntegerArray {
  switch (code) {
    case 'B':
      return new Uint8Array(buffer);
    case 'I':
      return new Int16Array(buffer);
    case 'J':
      return new Int32Array(buffer);
    case 'K':
      return new BigInt64Array(buffer);
  }
}

/** Integers: kept as stored, reinterpreted as unsigned for the standard TZERO, else scaled to float64. */
function readIntegers(
  header: FitsHeader,
  column: FitsColumnInfo,
  buffer: ArrayBuffer,
): { data: FitsColumnArray; nulls: Uint8Array | null } {
  const code = column.code as 'B' | 'I' | 'J' | 'K';
  const stored = storedIntegers(code, buffer);
  const tscal = header.getNumber(`TSCAL${column.field}`, 1);
  const tzero = header.getNumber(`TZERO${column.field}`, 0);
  const hasNull = header.has(`TNULL${column.field}`);
  let nulls: Uint8Array | null = null;
  if (hasNull) {
    nulls = new Uint8Array(stored.length);
    if (stored instanceof BigInt64Array) {
      const tnull = header.getBigInt(`TNULL${column.field}`);
      for (let i = 0; i < stored.length; i++) nulls[i] = stored[i] === tnull ? 1 : 0;
    } else {
      const tnull = header.getNumber(`TNULL${column.field}`, NaN);
      for (let i = 0; i < stored.length; i++) nulls[i] = stored[i] === tnull ? 1 : 0;
    }
  }
  if (tscal === 1) {
    // The standard offsets that store unsigned (or, for bytes, signed) integers.
    if (code === 'B' && tzero === -128) return { data: new Int8Array(buffer).map((v) => v ^ -128) as Int8Array, nulls };
    if (code === 'I' && tzero === 32768) return { data: new Uint16Array(buffer).map((v) => v ^ 0x8000), nulls };
    if (code === 'J' && tzero === 2 ** 31)
      return { data: new Uint32Array(buffer).map((v) => (v ^ 0x80000000) >>> 0), nulls };
    if (code === 'K' && header.getBigInt(`TZERO${column.field}`) === 2n ** 63n) {
      return { data: new BigUint64Array(buffer).map((v) => v ^ (2n ** 63n)), nulls };
    }
    if (tzero === 0) return { data: stored, nulls };
  }
  const out = new Float64Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = nulls?.[i] ? NaN : tzero + tscal * Number(stored[i]);
  return { data: out, nulls };
}

function readFloats(header: FitsHeader, column: FitsColumnInfo, buffer: ArrayBuffer): Float32Array | Float64Array {
  const stored = column.code === 'E' ? new Float32Array(buffer) : new Float64Array(buffer);
  const tscal = header.getNumber(`TSCAL${column.field}`, 1);
  const tzero = header.getNumber(`TZERO${column.field}`, 0);
  if (tscal === 1 && tzero === 0) return stored;
  const out = new Float64Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = tzero + tscal * stored[i];
  return out;
}

/** Decodes one column of a table whose layout has been checked against the file. */
export function readFitsColumn(
  buffer: Uint8Array,
  layout: FitsTableLayout,
  column: FitsColumnInfo,
  dataOffset: number,
): FitsTableColumn {
  const where = layout.extname ? `HDU ${layout.hduIndex} '${layout.extname}'` : `HDU ${layout.hduIndex}`;
  const { code } = column;
  const { rows } = layout;
  if (code === 'P' || code === 'Q' || code === 'C' || code === 'M') throw unsupported(column, where);
  const elementBytes = code === 'X' ? 1 : BYTES_PER_ELEMENT[code];
  const raw = gatherField(buffer, dataOffset, layout, column, elementBytes);
  const width = column.repeat;
  switch (code) {
    case 'A':
      return { ...column, ...readStrings(new Uint8Array(raw), column, rows), nulls: null };
    case 'L':
      return { ...column, width, ...readLogicals(new Uint8Array(raw)) };
    case 'X':
      return { ...column, width, data: readBits(new Uint8Array(raw), column, rows), nulls: null };
    case 'E':
    case 'D':
      return { ...column, width, data: readFloats(layout.header, column, raw), nulls: null };
    default:
      return { ...column, width, ...readIntegers(layout.header, column, raw) };
  }
}

function pickColumns(layout: FitsTableLayout, names: string[] | undefined): FitsColumnInfo[] {
  if (!names) return layout.columns;
  return names.map((name) => {
    const column = findColumn(layout.columns, name);
    if (!column)
      throw new FitsFormatError(
        `${layout.extname ? `table '${layout.extname}'` : `HDU ${layout.hduIndex}`} has no column '${name}'`,
      );
    return column;
  });
}

/** A column by name, ignoring case and surrounding blanks, as astropy looks columns up. */
export function findColumn<C extends { name: string }>(columns: readonly C[], name: string): C | undefined {
  const wanted = name.trim().toUpperCase();
  return columns.find((c) => c.name.toUpperCase() === wanted);
}

/** Reads a binary (or ASCII) table from a FITS file held in memory. */
export function readFitsTable(buffer: Uint8Array, options: ReadFitsTableOptions = {}): FitsTable {
  const hdus = options.hdus ?? listFitsHdus(buffer);
  const hdu = findTableHdu(hdus, options.hdu);
  if (hdu.type === 'TABLE') {
    const ascii = describeAsciiTable(hdu, buffer.byteLength);
    const fields = pickColumns(ascii, options.columns) as AsciiField[];
    const columns = fields.map((f) => readAsciiColumn(buffer, ascii, f, hdu.dataOffset));
    return { ...ascii, columns, column: (name: string) => findColumn(columns, name) };
  }
  const layout = describeFitsTable(hdu, buffer.byteLength);
  const columns = pickColumns(layout, options.columns).map((c) => readFitsColumn(buffer, layout, c, hdu.dataOffset));
  return { ...layout, columns, column: (name: string) => findColumn(columns, name) };
}

/** Values of row r of a column: a view of the typed array, or the row's strings. */
export function columnRow(column: FitsTableColumn, row: number): FitsColumnArray | string[] {
  const start = row * column.width;
  return Array.isArray(column.data)
    ? column.data.slice(start, start + column.width)
    : column.data.subarray(start, start + column.width);
}
