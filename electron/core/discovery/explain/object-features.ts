// The morphology features of a few objects, computed on the spot from their stored model inputs:
// read with the reader every embedding uses (model-input-batches.ts) and measured by the code
// the `features` embedding runs (morphologyFeaturesOfHalfRows), so explain's numbers are those
// features before standardisation, whatever embedding found the neighbours.
import { ModelInputReader } from '../embeddings/model-input-batches.js';
import { featureNames, morphologyFeaturesOfHalfRows } from '../embeddings/morphology/morphology-features.js';
import type { Workspace } from '../../workspace/workspace.js';

export interface ObjectFeatures {
  names: string[];
  /** The store's model-input side and band count. */
  size: number;
  bands: number;
  /** Each found object's features, by id; ids without a readable input in the store are absent. */
  byId: Map<number, Float32Array>;
  /** Each found object's model input (float16 bits, HWC), by id: read once, for the maps of where it is odd. */
  inputs: Map<number, Uint16Array>;
}

/** The layout a stored input_store names ('<shard key>/image-64x64x3.npy' → 'image-64x64x3.npy'). */
export function storeLayout(inputStore: string): string {
  return inputStore.slice(inputStore.indexOf('/') + 1);
}

/** Features of the objects `ids` whose model input is in image store `store` (a layout). */
export function objectFeatures(workspace: Workspace, store: string, ids: readonly number[]): ObjectFeatures {
  const reader = ModelInputReader.open(workspace, store);
  try {
    const positions = Int32Array.from(ids.map((id) => positionOf(reader.ids, id)).filter((p) => p >= 0)).sort();
    const { size, bands } = reader;
    const names = featureNames(bands);
    const byId = new Map<number, Float32Array>();
    const inputs = new Map<number, Uint16Array>();
    if (positions.length === 0) return { names, size, bands, byId, inputs };
    const rowLength = size * size * bands;
    for (const batch of reader.batches(positions.length, positions)) {
      const features = morphologyFeaturesOfHalfRows(batch.half, batch.count, size, bands);
      for (let i = 0; i < batch.count; i++) {
        byId.set(batch.ids[i], features.slice(i * names.length, (i + 1) * names.length));
        inputs.set(batch.ids[i], batch.half.slice(i * rowLength, (i + 1) * rowLength));
      }
    }
    return { names, size, bands, byId, inputs };
  } finally {
    reader.close();
  }
}

/** Position of `id` in the reader's ids (in increasing order), or −1. */
function positionOf(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] === id) return mid;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
