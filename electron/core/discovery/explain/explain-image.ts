// The image part of `explain`: an image object's morphology features against its typical
// neighbours' in σ of their spread (object-features.ts, feature-contrast.ts), and maps of where
// on its model input it is odd (where/where-maps.ts). explain-object.ts finds the neighbours.
import type { Workspace } from '../../workspace/workspace.js';
import type { CurrentEmbedding } from '../pipeline/current-embedding.js';
import { codedError } from '../../util/coded-error.js';
import { vectorRows } from '../vectors.js';
import { contrastFeatures, type FeatureContrast } from './feature-contrast.js';
import { objectFeatures, storeLayout } from './object-features.js';
import type { TypicalNeighbour } from './typical-neighbours.js';
import { whereMaps } from './where/where-maps.js';
import type { ExplainMap } from './where/explain-map.js';

export interface ImageEvidence {
  features: FeatureContrast[];
  /** The typical neighbours compared with: those whose model input is in the object's store. */
  neighbours: TypicalNeighbour[];
  maps: ExplainMap[];
  notes: string[];
}

export async function imageEvidence(
  workspace: Workspace,
  object: { id: number; name: string; inputStore: string },
  embedding: CurrentEmbedding,
  found: readonly TypicalNeighbour[],
): Promise<ImageEvidence> {
  const { name } = object;
  const store = storeLayout(object.inputStore);
  const measured = objectFeatures(workspace, store, [object.id, ...found.map((n) => n.id)]);
  const own = measured.byId.get(object.id);
  if (!own) throw codedError('conflict', `"${name}"'s model input is missing from its store: ingest it again`);
  // Neighbours whose input is in another store (an imported embedding across stores) cannot be compared.
  const neighbours = found.filter((n) => measured.byId.has(n.id));
  if (neighbours.length < 2)
    throw codedError('conflict', `"${name}" has fewer than 2 typical neighbours to compare with: embed more objects`);
  const width = measured.names.length;
  const values = new Float32Array(neighbours.length * width);
  neighbours.forEach((n, i) => values.set(measured.byId.get(n.id)!, i * width));
  const neighbourVectors = vectorRows(
    embedding.vectors,
    neighbours.map((n) => embedding.rowOf(n.id)!),
  );
  const where = await whereMaps(workspace, {
    run: embedding.run,
    input: measured.inputs.get(object.id)!,
    store,
    size: measured.size,
    bands: measured.bands,
    neighbours: { vectors: neighbourVectors.data, count: neighbourVectors.count },
    neighbourInputs: neighbours.map((n) => measured.inputs.get(n.id)!),
  });
  return {
    features: contrastFeatures(measured.names, own, values, neighbours.length),
    neighbours,
    maps: where.maps,
    notes: where.notes,
  };
}
