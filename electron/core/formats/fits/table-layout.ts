// The shape of a FITS table as its readers describe it: the columns of a binary or ASCII table
// (TTYPEn, TFORMn, TDIMn, TUNITn, where each field lies in a row), the table's size, and the
// decoded column a reader hands back. Kept apart from the readers so that the binary-table
// reader (table.ts), the ASCII-table reader (ascii-table.ts) and the tile-compressed image
// decoder (tile-compression.ts) share the types without importing one another.
import type { FitsHeader } from './header.js';

export type FitsTableCode = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M' | 'P' | 'Q';

export type FitsColumnArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export interface FitsColumnInfo {
  /** 1-based field number n of TTYPEn/TFORMn. */
  field: number;
  /** TTYPEn as written (lookups ignore case); 'COLn' when the column has no TTYPE. */
  name: string;
  tform: string;
  code: FitsTableCode;
  /** The repeat count r of TFORM = rT: values per row, bits for X, characters for A. */
  repeat: number;
  /** Byte offset of the field within a row. */
  offset: number;
  /** Bytes the field takes in each row. */
  bytes: number;
  /** TDIMn axes in FITS order (fastest first), or null. For A columns the first is the string length. */
  dims: number[] | null;
  unit: string | null;
}

export interface FitsTableColumn extends FitsColumnInfo {
  /** Values per row in `data`: repeat for numbers, bits for X, strings per row for A. */
  width: number;
  /**
   * Row r occupies [r * width, (r + 1) * width). L and X are 0/1 bytes. Integers keep their
   * stored type, or the unsigned type when TZERO is the standard offset (B with −128 becomes
   * Int8Array, I/J/K with 2^15/2^31/2^63 become Uint16/Uint32/BigUint64). Any other TSCAL or
   * TZERO gives Float64Array physical values, with TNULL entries NaN. A gives strings with
   * trailing blanks and anything after a NUL removed.
   */
  data: FitsColumnArray | string[];
  /**
   * 1 where the entry is undefined: an integer equal to TNULL, or a logical that is neither T
   * nor F. null when no entry can be.
   */
  nulls: Uint8Array | null;
}

export interface FitsTableLayout {
  hduIndex: number;
  extname: string | null;
  header: FitsHeader;
  rows: number;
  /** NAXIS1: bytes per row. */
  rowBytes: number;
  columns: FitsColumnInfo[];
}
