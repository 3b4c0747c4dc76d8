// Results of runs as numpy files: `<run>.npy` (float32 rows) beside `<run>.ids.npy`
// (int64 object ids, row order). Each file is written atomically and the run row is
// marked done only after both exist, so a reader never sees half a result.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readNpyFile, writeNpyAsync } from '../formats/arrays/npy.js';

export interface RunArray {
  /** Row-major float32 values, `rows × columns`. */
  data: Float32Array;
  rows: number;
  columns: number;
  /** Object id of each row. */
  ids: Float64Array;
}

export function runArrayPaths(folder: string, runId: string): { data: string; ids: string } {
  return { data: join(folder, `${runId}.npy`), ids: join(folder, `${runId}.ids.npy`) };
}

/** Written off the calling thread (its fsyncs took 5-40 ms each on a busy disk), ids first. */
export async function saveRunArray(
  folder: string,
  runId: string,
  array: RunArray,
): Promise<{ data: string; ids: string }> {
  if (array.data.length !== array.rows * array.columns)
    throw new Error(`run array has ${array.data.length} values, expected ${array.rows}×${array.columns}`);
  if (array.ids.length !== array.rows) throw new Error(`run array has ${array.ids.length} ids for ${array.rows} rows`);
  const paths = runArrayPaths(folder, runId);
  await writeNpyAsync(
    paths.ids,
    BigInt64Array.from(array.ids, (id) => BigInt(id)),
    [array.rows],
  );
  await writeNpyAsync(paths.data, array.data, array.columns === 1 ? [array.rows] : [array.rows, array.columns]);
  return paths;
}

/** Whether both files of run array `runId` are in `folder`. */
function runArrayExists(folder: string, runId: string): boolean {
  const paths = runArrayPaths(folder, runId);
  return existsSync(paths.data) && existsSync(paths.ids);
}

/** The run array, or null when its files are not there: for arrays only some runs have (a seed spread, a stability). */
export function loadRunArrayIfPresent(folder: string, runId: string): RunArray | null {
  return runArrayExists(folder, runId) ? loadRunArray(folder, runId) : null;
}

export function loadRunArray(folder: string, runId: string): RunArray {
  const paths = runArrayPaths(folder, runId);
  if (!runArrayExists(folder, runId)) throw new Error(`the files of run ${runId} are missing from ${folder}`);
  const data = readNpyFile(paths.data);
  const ids = readNpyFile(paths.ids);
  if (data.dtype !== '<f4') throw new Error(`${paths.data}: expected float32, found ${data.dtype}`);
  const rows = data.shape[0];
  const columns = data.shape.length > 1 ? data.shape[1] : 1;
  const idValues =
    ids.data instanceof BigInt64Array
      ? Float64Array.from(ids.data, Number)
      : Float64Array.from(ids.data as ArrayLike<number>);
  if (idValues.length !== rows) throw new Error(`${paths.ids} has ${idValues.length} ids for ${rows} rows`);
  return { data: data.data as Float32Array, rows, columns, ids: idValues };
}
