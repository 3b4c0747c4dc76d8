// Reading FITS ASCII tables (XTENSION = 'TABLE'), in which older catalogs (and some archive
// exports) still arrive: each row is NAXIS1 characters, each field a fixed run of columns
// starting at TBCOLn, written by its Fortran-style TFORMn (Aw, Iw, Fw.d, Ew.d, Dw.d).
// Numbers come back as Float64Array (TSCAL/TZERO applied; blank fields and TNULL matches
// NaN, flagged in `nulls`), strings as string[], in the shape the binary-table reader gives,
// so callers read either kind of table the same way.
import { FitsFormatError } from './header.js';
import type { FitsHduInfo } from './hdu-list.js';
import type { FitsColumnInfo, FitsTableColumn, FitsTableLayout } from './table-layout.js';

const ASCII_TFORM = /^\s*([AIFED])\s*(\d+)(?:\.(\d+))?\s*$/i;

export interface AsciiField extends FitsColumnInfo {
  kind: 'A' | 'I' | 'F' | 'E' | 'D';
  width: number;
}

/** The fields of an ASCII-table HDU, checked against NAXIS1 and the bytes the file holds. */
export function describeAsciiTable(hdu: FitsHduInfo, fileBytes: number): FitsTableLayout & { columns: AsciiField[] } {
  const where = hdu.extname ? `HDU ${hdu.index} '${hdu.extname}'` : `HDU ${hdu.index}`;
  if (hdu.type !== 'TABLE') throw new FitsFormatError(`${where} is not an ASCII table`);
  const { header } = hdu;
  if (hdu.bitpix !== 8 || hdu.shape.length !== 2)
    throw new FitsFormatError(`${where} is not a valid ASCII table (BITPIX ${hdu.bitpix}, NAXIS ${hdu.shape.length})`);
  const [rowBytes, rows] = hdu.shape;
  const fields = header.getNumber('TFIELDS', 0);
  if (!Number.isInteger(fields) || fields < 0 || fields > 999)
    throw new FitsFormatError(`${where} has an invalid TFIELDS (${header.get('TFIELDS')})`);
  const columns: AsciiField[] = [];
  for (let field = 1; field <= fields; field++) {
    const tform = header.getString(`TFORM${field}`);
    const start = header.getNumber(`TBCOL${field}`, NaN);
    const match = tform === undefined ? null : ASCII_TFORM.exec(tform);
    if (!match) throw new FitsFormatError(`${where}: TFORM${field} = '${tform ?? ''}' is not an ASCII-table format`);
    const width = Number(match[2]);
    if (!Number.isInteger(start) || start < 1 || start - 1 + width > rowBytes) {
      throw new FitsFormatError(
        `${where}: field ${field} (TBCOL ${header.get(`TBCOL${field}`)}, width ${width}) lies ` +
          `outside its ${rowBytes}-character rows`,
      );
    }
    const kind = match[1].toUpperCase() as AsciiField['kind'];
    const name = header.getString(`TTYPE${field}`)?.trim() || `COL${field}`;
    const unit = header.getString(`TUNIT${field}`)?.trim() || null;
    columns.push({
      field,
      name,
      tform: tform!.trim(),
      code: 'A',
      repeat: width,
      offset: start - 1,
      bytes: width,
      dims: null,
      unit,
      kind,
      width,
    });
  }
  const tableBytes = rowBytes * rows;
  if (!Number.isSafeInteger(tableBytes) || tableBytes > fileBytes - hdu.dataOffset) {
    throw new FitsFormatError(
      `the file is truncated: ${where} needs ${tableBytes} bytes of table, only ` +
        `${Math.max(0, fileBytes - hdu.dataOffset)} are present`,
    );
  }
  return { hduIndex: hdu.index, extname: hdu.extname ?? null, header, rows, rowBytes, columns };
}

/** Decodes one field of every row. */
export function readAsciiColumn(
  buffer: Uint8Array,
  layout: FitsTableLayout,
  field: AsciiField,
  dataOffset: number,
): FitsTableColumn {
  const text = (row: number): string => {
    const at = dataOffset + row * layout.rowBytes + field.offset;
    return new TextDecoder('latin1').decode(buffer.subarray(at, at + field.width));
  };
  if (field.kind === 'A') {
    const data = Array.from({ length: layout.rows }, (_, r) => text(r).replace(/\s+$/, ''));
    return { ...field, width: 1, data, nulls: null };
  }
  const scale = layout.header.getNumber(`TSCAL${field.field}`, 1);
  const zero = layout.header.getNumber(`TZERO${field.field}`, 0);
  const tnull = layout.header.getString(`TNULL${field.field}`);
  const data = new Float64Array(layout.rows);
  const nulls = new Uint8Array(layout.rows);
  for (let r = 0; r < layout.rows; r++) {
    const raw = text(r);
    const trimmed = raw.trim();
    if (trimmed === '' || (tnull !== undefined && trimmed === tnull.trim())) {
      data[r] = NaN;
      nulls[r] = 1;
      continue;
    }
    // Fortran writes double exponents with D; embedded blanks are not significant.
    const value = Number(trimmed.replace(/\s+/g, '').replace(/[dD]/, 'E'));
    if (!Number.isFinite(value))
      throw new FitsFormatError(`HDU ${layout.hduIndex}: row ${r + 1} of ${field.name} is '${trimmed}', not a number`);
    data[r] = zero + scale * value;
  }
  return { ...field, width: 1, data, nulls };
}
