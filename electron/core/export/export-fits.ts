// The export table as a FITS binary table (objects.fits), for astronomers whose tools
// (TOPCAT, astropy, IDL, fitsio) read FITS first. Same columns and rows as objects.csv.
// FITS has no null for floats or strings, so a missing float is NaN and a missing string
// is empty; integers carry a TNULL value and booleans the FITS null byte.
import { encodeFitsTables, type BinTableCard, type BinTableColumn } from '../formats/fits/table-writer.js';
import { APP_VERSION } from '../app-version.js';
import type { ExportColumn, ExportTable } from './export-table.js';

const INT32_NULL = -2147483648;
/** TTYPE values are quoted header strings: printable ASCII, at most 68 characters. */
const MAX_NAME = 68;
const BOOLEAN_TEXT = new Map([
  ['true', true],
  ['false', false],
]);

/** A text column whose every value is true/false (any case), as booleans; else null. */
function asBooleans(column: ExportColumn): (boolean | null)[] | null {
  let seen = false;
  const out: (boolean | null)[] = [];
  for (const value of column.values) {
    if (value === null || value === '') {
      out.push(null);
      continue;
    }
    const flag = BOOLEAN_TEXT.get(String(value).toLowerCase());
    if (flag === undefined) return null;
    out.push(flag);
    seen = true;
  }
  return seen ? out : null;
}

function textColumn(name: string, values: readonly (string | number | null)[]): BinTableColumn {
  const encoder = new TextEncoder();
  const bytes = values.map((v) => encoder.encode(v === null ? '' : String(v)));
  // Width is the longest value in UTF-8 bytes, so nothing is cut; at least 1 (a 0A column is legal but rare).
  const width = bytes.reduce((w, b) => Math.max(w, b.length), 1); // no spread: tables can have millions of rows
  return { name, form: 'A', repeat: width, data: bytes };
}

function integerColumn(
  name: string,
  values: readonly (number | null)[],
  cards: BinTableCard[],
  index: number,
): BinTableColumn {
  const int32 = values.every((v) => v === null || (Number.isInteger(v) && v > INT32_NULL && v <= 2147483647));
  if (int32) {
    if (values.includes(null)) cards.push([`TNULL${index + 1}`, INT32_NULL, 'missing value']);
    return { name, form: 'J', data: values.map((v) => v ?? INT32_NULL) };
  }
  // Wider integers: K when every value is there and exact, else doubles with NaN for missing ones.
  if (values.every((v) => v !== null && Number.isSafeInteger(v))) return { name, form: 'K', data: values as number[] };
  return { name, form: 'D', data: values.map((v) => v ?? NaN) };
}

/** Header-safe, unique column names: other characters become '_', long names are cut. */
function fitsNames(columns: readonly ExportColumn[]): string[] {
  const used = new Set<string>();
  return columns.map((c) => {
    const base = c.name.replace(/[^\x20-\x7e]/g, '_').slice(0, MAX_NAME) || 'col';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** objects.fits: an empty primary HDU, then the OBJECTS table. */
export function tableFits(table: ExportTable): Buffer {
  const names = fitsNames(table.columns);
  const cards: BinTableCard[] = [];
  const columns = table.columns.map((column, i): BinTableColumn => {
    const name = names[i];
    switch (column.kind) {
      case 'integer':
        return integerColumn(name, column.values as (number | null)[], cards, i);
      case 'number':
        return { name, form: 'D', data: (column.values as (number | null)[]).map((v) => v ?? NaN) };
      default: {
        const flags = asBooleans(column);
        return flags ? { name, form: 'L', data: flags } : textColumn(name, column.values);
      }
    }
  });
  const primary: BinTableCard[] = [
    ['CREATOR', `serendip ${APP_VERSION}`.slice(0, 60), 'software that wrote this file'],
  ];
  return encodeFitsTables(primary, [{ extname: 'OBJECTS', columns, cards }]);
}
