// What a thread does when fitted models are applied page by page (paged-apply.ts): it keeps
// the model it was given once (a forest, a prepared reference map) and turns each page of
// embedding rows into output rows: scores, or map positions. The same service runs on worker
// threads or, without them, on the calling thread.
import type { TaskService } from '../../util/worker-tasks.js';
import { IsolationForest, type IsolationForestArrays } from '../anomaly/isolation-forest.js';
import {
  placeOnReference,
  prepareReference,
  type PlacementSettings,
  type PreparedReference,
  type ReferenceMap,
} from '../umap/reference-placement.js';

export type ApplyTask =
  | { kind: 'attach-forest'; forest: IsolationForestArrays }
  | { kind: 'attach-reference'; reference: ReferenceMap; settings: PlacementSettings }
  /** `rows` embedding rows, row-major: one score per row, or one map position (x, y) per row. */
  | { kind: 'score' | 'place'; vectors: Float32Array; rows: number; dim: number };

export type ApplyResult = Float32Array | null;

export function createApplyService(): TaskService<ApplyTask, ApplyResult> {
  let forest: IsolationForest | null = null;
  let reference: PreparedReference | null = null;
  return {
    perform(task) {
      switch (task.kind) {
        case 'attach-forest':
          forest = IsolationForest.fromArrays(task.forest);
          return null;
        case 'attach-reference':
          reference = prepareReference(task.reference, task.settings);
          return null;
        case 'score':
          if (!forest) throw new Error('no forest attached to this thread');
          // float64 scores rounded to float32, as rank stores them.
          return Float32Array.from(forest.score({ data: task.vectors, count: task.rows, dim: task.dim }));
        case 'place':
          if (!reference) throw new Error('no reference map attached to this thread');
          return placeOnReference(reference, task.vectors, task.rows);
      }
    },
    transferOf: (result) => (result ? [result.buffer as ArrayBuffer] : []),
  };
}
