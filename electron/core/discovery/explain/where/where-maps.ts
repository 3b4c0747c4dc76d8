// The "where" of an explanation: the maps that show which part of an image object's model input
// makes it odd, in the embedding its typical neighbours were found in. Any run that can embed a
// new input gives an occlusion-saliency map (run-embedder.ts, occlusion-saliency.ts); a run that
// cannot gives a note saying why, so the app and the CLI can tell "no map" from "nothing odd".
import type { Workspace } from '../../../workspace/workspace.js';
import type { RunRow } from '../../../workspace/repositories/runs-repo.js';
import { explainMap, type ExplainMap } from './explain-map.js';
import { occlusionSaliency } from './occlusion-saliency.js';
import { runEmbedder } from './run-embedder.js';

export interface WhereMaps {
  maps: ExplainMap[];
  notes: string[];
}

/** What is known of the object and its neighbours when the maps are made. */
export interface WhereInput {
  /** The embedding run the neighbours were found in. */
  run: RunRow;
  /** The object's model input (float16 bits, HWC) and the store layout it was read from. */
  input: Uint16Array;
  store: string;
  /** The typical neighbours' vectors in that run, row after row. */
  neighbours: { vectors: Float32Array; count: number };
}

export function whereMaps(workspace: Workspace, where: WhereInput): WhereMaps {
  const notes: string[] = [];
  const maps: ExplainMap[] = [];
  if (where.run.method === 'autoencoder')
    notes.push("no reconstruction or residual: the autoencoder's decoder is not run while explaining yet");
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
  const saliency = occlusionSaliency(where.input, size, bands, embedder.embedInputs, where.neighbours);
  maps.push(explainMap('saliency', null, size, size, saliency.values));
  return { maps, notes };
}
