// A workspace's float16 model-input file (inputs/<store>.npy), open for one model task: rows read
// in any order as raw float16 bits. The Node worker decodes them itself; the app's main process
// sends them as they are to the GPU window (half the bytes), which decodes them there.
import { NpyRowFile, readRowRuns } from '../../../formats/arrays/npy-row-file.js';

export interface Float16Rows {
  readonly path: string;
  /** Values in one row. */
  readonly rowLength: number;
  /** The float16 bits of `rows`, one row after another, in a fresh array. */
  readHalves(rows: ArrayLike<number>): Uint16Array;
  close(): void;
}

export function openFloat16Rows(path: string): Float16Rows {
  const file = NpyRowFile.openReadOnly(path);
  if (file.dtype !== '<f2') {
    file.close();
    throw new Error(`${path} holds ${file.dtype} values; model inputs are float16`);
  }
  return {
    path,
    rowLength: file.rowLength,
    readHalves: (rows) => readRowRuns(file, rows) as Uint16Array,
    close: () => file.close(),
  };
}
