// An object's "typical neighbours": its nearest objects in the newest embedding of its modality
// that no scorer would call anomalous themselves (not in the top 5% of the ensemble), so that
// what sets the object apart is measured against ordinary objects that look most like it,
// not against its fellow oddities. Searches widen until k are found or the run is exhausted.
import type { CurrentEmbedding } from '../pipeline/current-embedding.js';
import type { VectorIndex } from '../neighbours/vector-index.js';
import { vectorRow } from '../vectors.js';

export interface TypicalNeighbour {
  id: number;
  distance: number;
}

/** First search this many times k, doubling while too few of the found are typical. */
const FIRST_WIDTH = 4;

/**
 * The k nearest rows to `row` (itself excluded) whose ids pass `typical`, nearest first: fewer when the embedding holds
 * fewer.
 */
export function typicalNeighbours(
  embedding: Pick<CurrentEmbedding, 'vectors' | 'ids'>,
  index: VectorIndex,
  row: number,
  k: number,
  typical: (id: number) => boolean,
): TypicalNeighbour[] {
  const count = embedding.vectors.count;
  const query = vectorRow(embedding.vectors, row);
  for (let width = Math.min(count, FIRST_WIDTH * k + 1); ; width = Math.min(count, 2 * width)) {
    const found = index.search(query, width);
    const kept: TypicalNeighbour[] = [];
    for (let i = 0; i < found.indices.length && kept.length < k; i++) {
      const r = found.indices[i];
      if (r < 0 || r === row || !typical(embedding.ids[r])) continue;
      kept.push({ id: embedding.ids[r], distance: found.distances[i] });
    }
    if (kept.length === k || width === count) return kept;
  }
}
