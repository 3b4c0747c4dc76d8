// The demo collection's ground-truth tables (demo-truth.csv, spectra-truth.csv, ...) read for
// checks and benchmarks. Demo names and values hold no commas or quotes, so a plain split
// reads them, independently of the project's own CSV reader.
import { readFileSync } from 'node:fs';

export type TruthRow = Record<string, string>;

/** The header line as written, and one record per row keyed by column name. */
export function readTruthTable<Row = TruthRow>(path: string): { header: string; rows: Row[] } {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  const record = (line: string) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]));
  const rows = lines.map((line) => record(line) as unknown as Row);
  return { header, rows };
}

/** What `pick` takes from each row, by the row's object name. */
export function truthByName<T>(path: string, pick: (row: TruthRow) => T): Map<string, T> {
  return new Map(readTruthTable(path).rows.map((row) => [row.name, pick(row)]));
}
