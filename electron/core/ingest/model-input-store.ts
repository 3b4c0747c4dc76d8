// Model inputs live in one numpy-readable row file per input shape under inputs/
// (e.g. image-64x64x3.npy), as float16: half the bytes of float32 and ample precision for
// asinh-normalised pixels. Objects record their file and row; rows are appended, or
// rewritten in place when a changed source file is re-ingested.
import { join } from 'node:path';
import { NpyRowFile } from '../formats/npy-row-file.js';
import { toFloat16Bits } from '../formats/float16.js';

export function inputStoreName(size: number, bands: number): string {
  return `image-${size}x${size}x${bands}.npy`;
}

export class ModelInputStore {
  private readonly files = new Map<string, NpyRowFile>();

  constructor(
    private readonly inputsDir: string,
    private readonly size: number,
  ) {}

  private file(name: string, bands: number): NpyRowFile {
    let file = this.files.get(name);
    if (!file) {
      file = NpyRowFile.openOrCreate(join(this.inputsDir, name), { dtype: '<f2', rowShape: [this.size, this.size, bands] });
      this.files.set(name, file);
    }
    return file;
  }

  /** Stores one model input; reuses `previous` (same store) in place, else appends. */
  put(values: Float32Array, bands: number, previous: { store: string | null; row: number | null }): { store: string; row: number } {
    const store = inputStoreName(this.size, bands);
    const file = this.file(store, bands);
    const half = toFloat16Bits(values);
    if (previous.store === store && previous.row !== null && previous.row < file.rowCount) {
      file.writeRow(previous.row, half);
      return { store, row: previous.row };
    }
    return { store, row: file.appendRows(half) };
  }

  close(): void {
    for (const file of this.files.values()) file.close();
    this.files.clear();
  }
}
