// One merged run's arrays (<run>.npy float32 + <run>.ids.npy int64, see discovery/run-arrays.ts)
// written from its parts a page of rows at a time: the target's own rows first when the run exists
// there already, then each shard's, ids renumbered by the shard's offset. Memory is one page
// whatever the row count. The files go to temporary names; the caller publishes them all (ids, then
// data) only once every one is written, and only then commits the rows that point at them.
import { existsSync } from 'node:fs';
import type { NpyTypedArray } from '../../formats/arrays/npy.js';
import { NpyPageWriter, openNpyPages, type NpyPageReader } from '../../formats/arrays/npy-pages.js';
import { runArrayPaths } from '../../discovery/run-arrays.js';
import { MergeRefusal } from './merge-input.js';

/** Values per page: 4 MB of float32, whatever the row width. */
const PAGE_VALUES = 1 << 20;

export interface ArrayPart {
  /** For messages: the workspace it comes from. */
  label: string;
  folder: string;
  runId: string;
  /** Added to every id. */
  idOffset: number;
  /** Rows whose id is outside 1..maxId name no object of the part and are left out. */
  maxId: number;
  /**
   * The target's own files of the run, maybe left half-replaced by a merge that was killed between
   * the two renames: only the rows both files hold are read (the rest were never committed).
   */
  earlier?: boolean;
}

export interface PartShape {
  rows: number;
  /** The data's shape after the row count: [] for scores, [columns] for vectors and coordinates. */
  rowShape: number[];
}

function describeShape(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}

/** Reads a part's headers and checks them: float32 values and one integer id per row. */
export function partShape(part: ArrayPart): PartShape {
  const paths = runArrayPaths(part.folder, part.runId);
  if (!existsSync(paths.data) || !existsSync(paths.ids))
    throw new MergeRefusal(`the files of run ${part.runId} are missing from ${part.label} (${part.folder})`);
  const data = openNpyPages(paths.data);
  const ids = openNpyPages(paths.ids);
  try {
    if (data.dtype !== '<f4' || data.shape.length < 1 || data.shape.length > 2)
      throw new MergeRefusal(`${paths.data} holds ${data.dtype} ${describeShape(data.shape)}, not float32 rows`);
    if (!['<i8', '<i4', '<u4', '<u8'].includes(ids.dtype) || ids.shape.length !== 1)
      throw new MergeRefusal(`${paths.ids} holds ${ids.dtype} ${describeShape(ids.shape)}, not one id per row`);
    if (!part.earlier && ids.rows !== data.rows)
      throw new MergeRefusal(`${part.label}: run ${part.runId} has ${ids.rows} ids for ${data.rows} rows`);
    return { rows: Math.min(ids.rows, data.rows), rowShape: data.shape.slice(1) };
  } finally {
    data.close();
    ids.close();
  }
}

function idAt(ids: NpyTypedArray, k: number): number {
  const value = ids[k];
  return typeof value === 'bigint' ? Number(value) : value;
}

export interface PendingRunArray {
  runId: string;
  rows: number;
  /** Rows left out because their id named no object. */
  dropped: number;
  publish(): void;
  discard(): void;
}

export interface MergeArrayOptions {
  signal?: AbortSignal;
  /** Values read per page; default 2^20 (4 MB of float32). */
  pageValues?: number;
}

function appendPart(
  part: ArrayPart,
  rowShape: readonly number[],
  out: { data: NpyPageWriter; ids: NpyPageWriter },
  options: MergeArrayOptions,
): number {
  const paths = runArrayPaths(part.folder, part.runId);
  const readers: NpyPageReader[] = [];
  try {
    const data = openNpyPages(paths.data);
    readers.push(data);
    const ids = openNpyPages(paths.ids);
    readers.push(ids);
    const rows = Math.min(data.rows, ids.rows);
    const rowLength = rowShape.reduce((a, b) => a * b, 1);
    const pageRows = Math.max(1, Math.floor((options.pageValues ?? PAGE_VALUES) / rowLength));
    let dropped = 0;
    for (let start = 0; start < rows; start += pageRows) {
      options.signal?.throwIfAborted();
      const count = Math.min(pageRows, rows - start);
      const values = data.read(start, count) as Float32Array;
      const pageIds = ids.read(start, count);
      const newIds = new BigInt64Array(count);
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const id = idAt(pageIds, k);
        if (!(id >= 1 && id <= part.maxId)) continue;
        // Rows move down over the ones left out; a page with none left out is written as read.
        if (kept !== k) values.copyWithin(kept * rowLength, k * rowLength, (k + 1) * rowLength);
        newIds[kept++] = BigInt(id + part.idOffset);
      }
      dropped += count - kept;
      out.data.append(values.subarray(0, kept * rowLength));
      out.ids.append(newIds.subarray(0, kept));
    }
    return dropped;
  } finally {
    for (const r of readers) r.close();
  }
}

/** Writes the merged run `runId` into `folder` from `parts`, in order, to temporary files. */
export function writeMergedRunArray(
  folder: string,
  runId: string,
  parts: readonly ArrayPart[],
  options: MergeArrayOptions = {},
): PendingRunArray {
  const shapes = parts.map(partShape);
  const rowShape = shapes[0]?.rowShape ?? [];
  shapes.forEach((shape, i) => {
    if (describeShape(shape.rowShape) !== describeShape(rowShape))
      throw new MergeRefusal(
        `run ${parts[i].runId} of ${parts[i].label} has rows of shape ${describeShape(shape.rowShape)}, and run ` +
          `${parts[0].runId} of ${parts[0].label} ${describeShape(rowShape)}: they cannot be one run`,
      );
  });
  const target = runArrayPaths(folder, runId);
  const out = {
    data: NpyPageWriter.create(target.data, '<f4', rowShape),
    ids: NpyPageWriter.create(target.ids, '<i8', []),
  };
  try {
    let dropped = 0;
    parts.forEach((part) => {
      dropped += appendPart(part, rowShape, out, options);
    });
    out.data.finish();
    out.ids.finish();
    return {
      runId,
      rows: out.ids.rows,
      dropped,
      publish() {
        // Ids first: killed between the two, the old data with new ids still agree on the rows both hold.
        out.ids.publish();
        out.data.publish();
      },
      discard() {
        out.data.discard();
        out.ids.discard();
      },
    };
  } catch (err) {
    out.data.discard();
    out.ids.discard();
    throw err;
  }
}
