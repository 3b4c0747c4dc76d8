// The "where" of an explanation: the maps that show which part of an image object's model input
// makes it odd. Every image object gets a patch-rarity map against its typical neighbours' own
// inputs (patch-rarity.ts), whatever run found them: of the maps it places artefacts best.
// Any run that can embed a new input also gives an occlusion-saliency map, which says what moves
// the object in that run's embedding (run-embedder.ts, occlusion-saliency.ts); a run that cannot
// gives a note saying why, so the app and the CLI can tell "no map" from "nothing odd".
// An autoencoder's run also gives, per band (named by its index), the input, its reconstruction
// and the residual |input − reconstruction|, all from the same ONNX session as its saliency.
import type { Workspace } from '../../../workspace/workspace.js';
import type { RunRow } from '../../../workspace/repositories/runs-repo.js';
import { explainMap, type ExplainMap } from './explain-map.js';
import { occlusionSaliency } from './occlusion-saliency.js';
import { patchRarity } from './patch-rarity.js';
import { runEmbedder } from './run-embedder.js';
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';

export interface WhereMaps {
  maps: ExplainMap[];
  notes: string[];
}

/** What is known of the object and its neighbours when the maps are made. */
export interface WhereInput {
  /** The embedding run the neighbours were found in. */
  run: RunRow;
  /** The object's model input (float16 bits, HWC), the store layout it was read from, and its shape. */
  input: Uint16Array;
  store: string;
  size: number;
  bands: number;
  /** The typical neighbours' vectors in that run, row after row. */
  neighbours: { vectors: Float32Array; count: number };
  /** The typical neighbours' model inputs from the same store. */
  neighbourInputs: readonly Uint16Array[];
}

export async function whereMaps(workspace: Workspace, where: WhereInput): Promise<WhereMaps> {
  const notes: string[] = [];
  const rarity = patchRarity(where.input, where.size, where.bands, where.neighbourInputs);
  const maps: ExplainMap[] = [explainMap('rarity', null, where.size, where.size, rarity)];
  const embedder = runEmbedder(workspace, where.run);
  if ('reason' in embedder) {
    notes.push(`no saliency: ${embedder.reason}`);
    return { maps, notes };
  }
  const { size, bands } = embedder;
  if (embedder.store !== where.store || where.input.length !== size * size * bands) {
    notes.push(
      `no saliency: embedding run ${where.run.id} reads ${embedder.store}, this object's input is in ${where.store}`,
    );
    return { maps, notes };
  }
  const saliency = await occlusionSaliency(where.input, size, bands, embedder.embedInputs, where.neighbours);
  maps.push(explainMap('saliency', null, size, size, saliency.values));
  if (embedder.reconstruct)
    maps.push(...bandMaps(where.input, await embedder.reconstruct(where.input, 1), size, bands));
  return { maps, notes };
}

/** Per band, named by its index: the input, the reconstruction and |input − reconstruction|. */
export function bandMaps(input: Uint16Array, reconstruction: Float32Array, size: number, bands: number): ExplainMap[] {
  const pixels = fromFloat16Bits(input);
  const maps: ExplainMap[] = [];
  for (let b = 0; b < bands; b++) {
    const plane = (values: ArrayLike<number>) =>
      Float32Array.from({ length: size * size }, (_, i) => values[i * bands + b]);
    const own = plane(pixels);
    const decoded = plane(reconstruction);
    const residual = own.map((v, i) => Math.abs(v - decoded[i]));
    const band = String(b);
    maps.push(
      explainMap('input', band, size, size, own),
      explainMap('reconstruction', band, size, size, decoded),
      explainMap('residual', band, size, size, residual),
    );
  }
  return maps;
}
