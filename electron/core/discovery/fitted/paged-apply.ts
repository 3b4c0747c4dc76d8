// Applies a fitted model (a forest, a reference map) to every row of an embedding run in pages
// of rows, so memory stays bounded whatever the run's size (10M × 32 float32 is 1.3 GB, and no
// typed array may pass 2^32 elements): each page is read from the run's .npy, computed on a
// worker thread, and its output rows appended, in row order, to the new run's .npy under a
// temporary name. The ids are the embedding's, copied file to file. Both files are renamed into
// place only once whole, so a killed or cancelled run never leaves a partial array.
import { closeSync, copyFileSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NpyRowFile } from '../../formats/arrays/npy-row-file.js';
import { parseNpyHeader } from '../../formats/arrays/npy.js';
import { openWorkerPool, workerScript } from '../../util/worker-pool.js';
import { runArrayPaths } from '../run-arrays.js';
import { createApplyService, type ApplyResult, type ApplyTask } from './apply-tasks.js';

export interface PagedApplyOptions {
  /** Embedding rows per page (default: what fits PAGE_BYTES, or fewer for slow work). */
  pageRows?: number;
  /** Worker threads; 0 computes on the calling thread. Default: every core, up to 8. */
  threads?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  signal?: AbortSignal;
}

export interface PagedApplyJob {
  /** The embedding run whose rows are read, under embeddings/. */
  embeddingRun: string;
  embeddingsFolder: string;
  /** The run written, under `folder`: `<runId>.npy` (rows × columns, or rows when 1) and `<runId>.ids.npy`. */
  folder: string;
  runId: string;
  columns: 1 | 2;
  /** Given once to every thread, then a `work` task per page. */
  attach: ApplyTask;
  work: 'score' | 'place';
  /** Default page size in rows when the caller gives none. */
  pageRows: number;
  stage: string;
}

/** About 8 MB of float32 embedding rows a page: a few pages in flight per thread stay far from any memory limit. */
export const PAGE_BYTES = 8 * 1024 * 1024;
const MAX_DEFAULT_THREADS = 8;

function temporaryNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** The row count an ids .npy declares, read from its header alone. */
function idRows(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head.subarray(0, read));
    if (header.shape.length !== 1) throw new Error(`${path} does not hold one id per row`);
    return header.shape[0];
  } finally {
    closeSync(fd);
  }
}

function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Runs `job` over every row; resolves to the number of rows written. */
export async function applyByPages(job: PagedApplyJob, options: PagedApplyOptions = {}): Promise<number> {
  const source = runArrayPaths(job.embeddingsFolder, job.embeddingRun);
  const target = runArrayPaths(job.folder, job.runId);
  const input = NpyRowFile.openReadOnly(source.data);
  const temporary = { data: temporaryNameFor(target.data), ids: temporaryNameFor(target.ids) };
  let output: NpyRowFile<'<f4'> | null = null;
  const rows = input.rowCount;
  const pageRows = Math.max(1, options.pageRows ?? job.pageRows);
  const pages = Math.ceil(rows / pageRows);
  const threads = Math.min(options.threads ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism()), pages);
  const pool = openWorkerPool<ApplyTask, ApplyResult>({
    name: 'fitted model',
    script: threads > 0 ? workerScript(import.meta.url, 'apply-worker') : null,
    threads,
    inProcess: createApplyService,
  });
  const { signal, onProgress } = options;
  try {
    if (input.dtype !== '<f4' || input.rowShape.length !== 1)
      throw new Error(`${source.data} does not hold rows of float32 vectors`);
    if (idRows(source.ids) !== rows) throw new Error(`${source.ids} does not hold one id per row of ${source.data}`);
    const dim = input.rowShape[0];
    output = NpyRowFile.openOrCreate(temporary.data, { dtype: '<f4', rowShape: job.columns === 1 ? [] : [2] });
    await pool.broadcast(job.attach);
    onProgress?.(0, rows, job.stage);
    // Pages are computed in any order but written in row order: awaiting the oldest keeps both.
    const queue: { count: number; result: Promise<ApplyResult> }[] = [];
    let written = 0;
    const writeOldest = async (): Promise<void> => {
      const { count, result } = queue.shift()!;
      const values = (await result)!;
      if (values.length !== count * job.columns)
        throw new Error(`a page of ${count} rows gave ${values.length} values`);
      output!.appendRows(values);
      written += count;
      onProgress?.(written, rows, job.stage);
    };
    for (let start = 0; start < rows; start += pageRows) {
      signal?.throwIfAborted();
      const count = Math.min(pageRows, rows - start);
      const vectors = input.readRows(start, count) as Float32Array;
      const task: ApplyTask = { kind: job.work, vectors, rows: count, dim };
      const result = pool.run(task, { transfer: [vectors.buffer as ArrayBuffer], signal });
      result.catch(() => undefined); // awaited in order below; a later page's failure must not go unhandled
      queue.push({ count, result });
      if (queue.length >= 2 * Math.max(1, threads)) await writeOldest();
    }
    while (queue.length) await writeOldest();
    signal?.throwIfAborted();
    output.close();
    copyDurably(source.ids, temporary.ids);
    renameSync(temporary.ids, target.ids);
    renameSync(temporary.data, target.data);
    return rows;
  } finally {
    output?.close();
    input.close();
    await pool.close();
    rmSync(temporary.data, { force: true });
    rmSync(temporary.ids, { force: true });
  }
}
