// CSV and TSV for catalogs and label files: RFC 4180 (quoted fields, "" escapes, newlines inside
// quotes, CRLF) plus what astronomers' files carry: a BOM, '#' comment lines above the header,
// blank lines, and short rows. Errors name the line so a user can fix the file.

export type CsvDelimiter = ',' | '\t';

export interface ParseCsvOptions {
  /** Default 'auto': tab if the header line has more tabs than commas outside quotes, else comma. */
  delimiter?: CsvDelimiter | 'auto';
}

export interface CsvTable {
  /** Header names, trimmed of surrounding spaces ('ra, dec' gives 'ra' and 'dec'). */
  columns: string[];
  /** Every row has exactly columns.length fields; short rows are padded with ''. */
  rows: string[][];
}

export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
  constructor(
    message: string,
    /** 1-based line number in the text. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

function detectDelimiter(line: string): CsvDelimiter {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/** Skips the BOM and any '#' comment lines before the header; returns where the header starts and its line. */
function skipPreamble(text: string): { start: number; line: number } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  for (;;) {
    const end = nextLineEnd(text, start);
    const content = text.slice(start, end);
    if (!(content.trimStart().startsWith('#') || content.trim() === '')) return { start, line };
    if (end >= text.length) return { start: text.length, line };
    start = end + (text.startsWith('\r\n', end) ? 2 : 1);
    line++;
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Splits records; blank lines outside quotes are skipped. Each record carries its first line number. */
function parseRecords(
  text: string,
  start: number,
  firstLine: number,
  delimiter: CsvDelimiter,
): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = firstLine;
  let recordLine = firstLine;
  let i = start;
  let fieldStarted = false; // the current field has content, so a '"' in it is literal
  let quoted = false; // a quoted "" field makes a record even when the line looks empty

  const endRecord = () => {
    const blank = fields.length === 0 && !quoted && field.trim() === '';
    if (!blank) {
      fields.push(field);
      records.push({ fields, line: recordLine });
    }
    fields = [];
    field = '';
    fieldStarted = false;
    quoted = false;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '' && !fieldStarted) {
      // A quoted field: read to the closing quote, "" being a literal quote.
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvFormatError('unterminated quoted field', quoteLine);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      fieldStarted = true;
      quoted = true;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  endRecord();
  return records;
}

export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const { start, line } = skipPreamble(text);
  const requested = options.delimiter ?? 'auto';
  const delimiter = requested === 'auto' ? detectDelimiter(text.slice(start, nextLineEnd(text, start))) : requested;
  const records = parseRecords(text, start, line, delimiter);
  if (records.length === 0) return { columns: [], rows: [] };
  const columns = records[0].fields.map((name) => name.trim());
  const rows: string[][] = [];
  for (let r = 1; r < records.length; r++) {
    const { fields, line: recordLine } = records[r];
    if (fields.length > columns.length) {
      throw new CsvFormatError(`${fields.length} fields, but the header has ${columns.length} columns`, recordLine);
    }
    while (fields.length < columns.length) fields.push('');
    rows.push(fields);
  }
  return { columns, rows };
}

function needsQuotes(value: string, delimiter: CsvDelimiter): boolean {
  return (
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim()
  );
}

function formatField(value: string, delimiter: CsvDelimiter): string {
  return needsQuotes(value, delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats a table with '\n' line ends, quoting only the fields that need it. */
export function formatCsv(
  columns: string[],
  rows: (string | number)[][],
  options: { delimiter?: CsvDelimiter } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const lines: string[] = [];
  const header = columns.map((c) => formatField(c, delimiter));
  // A header starting with '#' would read back as a comment line.
  if (header.length > 0 && header[0].startsWith('#')) header[0] = `"${columns[0].replace(/"/g, '""')}"`;
  lines.push(header.join(delimiter));
  for (const row of rows) {
    if (row.length !== columns.length)
      throw new RangeError(`a row has ${row.length} fields, the header ${columns.length}`);
    // A lone empty field would be an empty line, which reads back as no row at all.
    lines.push(
      row.length === 1 && String(row[0]).trim() === ''
        ? `"${row[0]}"`
        : row.map((v) => formatField(String(v), delimiter)).join(delimiter),
    );
  }
  return lines.join('\n') + '\n';
}
