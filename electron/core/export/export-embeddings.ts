// embeddings.npy of an export: row i is the embedding of table row i (NaN where the run has none),
// streamed from the run's files a page at a time, since a run of 100M × 32 float32 (12.8 GB) does
// not fit in memory. One pass over the run's ids finds each table row's run row; when those rows
// rise with the table's (the usual case: both in object-id order, a merged run too), the run's data
// is then read in order a page at a time, otherwise row by row where each is wanted (slower, rare).
import { existsSync } from 'node:fs';
import { integersAsNumbers, NpyPageWriter, openNpyPages, type NpyPageReader } from '../formats/arrays/npy-pages.js';
import { runArrayPaths } from '../discovery/run-arrays.js';
import { rowLookup } from '../discovery/row-lookup.js';

/** Values per page read or written: 8 MB of float32. */
const PAGE_VALUES = 1 << 21;

export interface EmbeddingRowsOptions {
  /** Values per page (tests make it tiny to cross page boundaries). */
  pageValues?: number;
  signal?: AbortSignal;
}

/** Lets other work (the service's requests, a cancel) run between pages of a long export. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes `outPath` (table rows × dim float32) from run `runId` under `folder`; resolves to dim. */
export async function writeEmbeddingRows(
  folder: string,
  runId: string,
  tableIds: readonly number[],
  outPath: string,
  options: EmbeddingRowsOptions = {},
): Promise<number> {
  const paths = runArrayPaths(folder, runId);
  if (!existsSync(paths.data) || !existsSync(paths.ids))
    throw new Error(`the files of run ${runId} are missing from ${folder}`);
  const data = openNpyPages(paths.data);
  let ids: NpyPageReader | null = null;
  let out: NpyPageWriter | null = null;
  try {
    ids = openNpyPages(paths.ids);
    if (data.dtype !== '<f4') throw new Error(`${paths.data}: expected float32 rows, found ${data.dtype}`);
    if (ids.shape.length !== 1 || ids.rows !== data.rows)
      throw new Error(`${paths.ids} does not hold one id per row of ${paths.data}`);
    const pageValues = options.pageValues ?? PAGE_VALUES;
    const { runRows, inOrder } = await runRowsOf(ids, tableIds, pageValues, options.signal);
    const dim = data.rowLength;
    const source = inOrder ? new ForwardPages(data, Math.max(1, Math.floor(pageValues / dim))) : null;
    out = NpyPageWriter.create(outPath, '<f4', [dim]);
    const pageRows = Math.max(1, Math.floor(pageValues / dim));
    for (let start = 0; start < tableIds.length; start += pageRows) {
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
      const count = Math.min(pageRows, tableIds.length - start);
      const page = new Float32Array(count * dim).fill(NaN);
      for (let r = 0; r < count; r++) {
        const row = runRows[start + r];
        if (row >= 0) page.set(source ? source.row(row) : (data.read(row, 1) as Float32Array), r * dim);
      }
      out.append(page);
    }
    out.finish();
    out.publish();
    return dim;
  } finally {
    out?.discard();
    ids?.close();
    data.close();
  }
}

/**
 * The run row of each table row (−1 where the run lacks the object), and whether they rise with
 * the table's rows. Table ids come in object-id order, so a binary search finds each run id's row.
 */
async function runRowsOf(
  ids: NpyPageReader,
  tableIds: readonly number[],
  pageValues: number,
  signal?: AbortSignal,
): Promise<{ runRows: Int32Array | Float64Array; inOrder: boolean }> {
  const tableRowOf = rowLookup(Float64Array.from(tableIds));
  const runRows = ids.rows < 2 ** 31 ? new Int32Array(tableIds.length) : new Float64Array(tableIds.length);
  runRows.fill(-1);
  let inOrder = true;
  let lastTableRow = -1;
  for (let start = 0; start < ids.rows; start += pageValues) {
    await yieldToEventLoop();
    signal?.throwIfAborted();
    const page = integersAsNumbers(ids.read(start, Math.min(pageValues, ids.rows - start)));
    for (let i = 0; i < page.length; i++) {
      const tableRow = tableRowOf(page[i]);
      if (tableRow === undefined) continue;
      runRows[tableRow] = start + i;
      if (tableRow <= lastTableRow) inOrder = false;
      lastTableRow = tableRow;
    }
  }
  return { runRows, inOrder };
}

/** Rows of a run asked for in rising order, read a page at a time from the first one asked. */
class ForwardPages {
  private start = 0;
  private page: Float32Array = new Float32Array(0);

  constructor(
    private readonly reader: NpyPageReader,
    private readonly pageRows: number,
  ) {}

  row(row: number): Float32Array {
    const dim = this.reader.rowLength;
    if (row < this.start || row >= this.start + this.page.length / dim) {
      this.start = row;
      this.page = this.reader.read(row, Math.min(this.pageRows, this.reader.rows - row)) as Float32Array;
    }
    const at = (row - this.start) * dim;
    return this.page.subarray(at, at + dim);
  }
}
