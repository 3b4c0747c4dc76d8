// Model inputs live in one numpy-readable row file per input shape under inputs/
// (image-64x64x3.npy for images, spectrum-2048x2.npy for spectra), as float16: half the bytes
// of float32 and ample precision for normalised pixels and fluxes. Objects record their file
// and row; rows are appended, or rewritten in place when a changed source file is re-ingested.
import { join } from 'node:path';
import { NpyRowFile } from '../formats/arrays/npy-row-file.js';
import { toFloat16Bits } from '../formats/arrays/float16.js';
import { SPECTRUM_CHANNELS } from './spectrum-model-input.js';

/** Which row file an input goes to, and the shape of one row there. */
export interface InputLayout {
  store: string;
  rowShape: number[];
}

export function inputStoreName(size: number, bands: number): string {
  return `image-${size}x${size}x${bands}.npy`;
}

/**
 * The store of spectrum inputs on a grid of `length` bins: rows of [length, 2] (see spectrum-model-input.ts). The
 * optical regime keeps the name it had before there were others; each other regime has its own store.
 */
export function spectrumInputStoreName(length: number, regime = 'optical'): string {
  const prefix = regime === 'optical' ? 'spectrum' : `spectrum-${regime}`;
  return `${prefix}-${length}x${SPECTRUM_CHANNELS}.npy`;
}

export function imageInputLayout(size: number, bands: number): InputLayout {
  return { store: inputStoreName(size, bands), rowShape: [size, size, bands] };
}

export function spectrumInputLayout(length: number, regime = 'optical'): InputLayout {
  return { store: spectrumInputStoreName(length, regime), rowShape: [length, SPECTRUM_CHANNELS] };
}

export class ModelInputStore {
  private readonly files = new Map<string, NpyRowFile>();

  constructor(private readonly inputsDir: string) {}

  private file(layout: InputLayout): NpyRowFile {
    let file = this.files.get(layout.store);
    if (!file) {
      file = NpyRowFile.openOrCreate(join(this.inputsDir, layout.store), { dtype: '<f2', rowShape: layout.rowShape });
      this.files.set(layout.store, file);
    }
    return file;
  }

  /** Stores one model input; reuses `previous` (same store) in place, else appends. */
  put(
    values: Float32Array,
    layout: InputLayout,
    previous: { store: string | null; row: number | null },
  ): { store: string; row: number } {
    const { store } = layout;
    const file = this.file(layout);
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
