// What a FITS binary table looks like, in words, from its header alone (no data read): the
// refusals of table spectra name what was found ("a table of 40 rows of 1024-element arrays,
// columns WAVELENGTH, FLUX") so a user can see why a file was not read as they expected.
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { describeFitsTable } from '../fits/table.js';
import type { FitsColumnInfo } from '../fits/table-layout.js';

/** Columns named in a text before the rest are summed up as "and n more". */
const NAMED_COLUMNS = 12;

/** A binary table's columns from its header alone (TTYPE, TFORM, TDIM, TUNIT), or null when it is no valid table. */
export function headerColumns(hdu: FitsHduInfo): FitsColumnInfo[] | null {
  if (hdu.type !== 'BINTABLE') return null;
  try {
    // An endless file: the header is checked, the data's presence is left to the reader.
    return describeFitsTable(hdu, Infinity).columns;
  } catch {
    return null;
  }
}

/**
 * A table's column names from its TTYPEn cards alone, upper-cased ('' where a column has none): enough to tell a
 * layout by its names, even where a TFORM would not parse. TFIELDS past the standard's 999 is not believed.
 */
export function tableColumnNames(hdu: FitsHduInfo): string[] {
  const fields = Math.min(hdu.header.getNumber('TFIELDS', 0), 999);
  return Array.from(
    { length: fields },
    (_, i) =>
      hdu.header
        .getString(`TTYPE${i + 1}`)
        ?.trim()
        .toUpperCase() ?? '',
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "a table of R rows of N-element arrays, columns A, B, C" (N the widest numeric cell), or "a table of R rows, columns
 * …".
 */
export function describeTableLayout(hdu: FitsHduInfo): string {
  const columns = headerColumns(hdu);
  const rows = hdu.shape[1] ?? 0;
  if (!columns) return `a ${hdu.type === 'TABLE' ? 'text' : 'binary'} table of ${plural(rows, 'row', 'rows')}`;
  const numeric = columns.filter((c) => c.code !== 'A');
  const width = numeric.reduce((n, c) => Math.max(n, c.repeat), 0);
  const names = columns.slice(0, NAMED_COLUMNS).map((c) => c.name);
  const more = columns.length > NAMED_COLUMNS ? ` and ${columns.length - NAMED_COLUMNS} more` : '';
  const cells = width > 1 ? ` of ${width}-element arrays` : '';
  const listed = columns.length === 0 ? 'no columns' : `columns ${names.join(', ')}${more}`;
  return `a table of ${plural(rows, 'row', 'rows')}${cells}, ${listed}`;
}
