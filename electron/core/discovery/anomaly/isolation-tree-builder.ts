// Growing the trees of an isolation forest the way scikit-learn's IsolationForest does
// (ExtraTreeRegressor with splitter="random", max_features=1): each tree sees psi rows drawn
// without replacement; a node picks a random non-constant feature and a threshold uniform
// between that feature's min and max in the node; growth stops at depth ceil(log2(psi)).
// Matching it closely is what lets our ROC-AUC track scikit-learn's on the same data.
import type { VectorSet } from '../vectors.js';
import type { IsolationForestArrays } from './isolation-forest-format.js';
import { SeededRandom } from '../seeded-random.js';

export interface IsolationForestOptions {
  /** Number of trees. Default 100. */
  trees?: number;
  /** Rows drawn per tree (psi); capped at the row count. Default 256. */
  sampleSize?: number;
  /** Seed of the generator that draws samples, features and thresholds. Default 0. */
  seed?: number;
}

/** scikit-learn's tree splitter treats a feature whose range is within this as constant. */
const CONSTANT_FEATURE_RANGE = 1e-7;

export function buildIsolationForestArrays(
  vectors: VectorSet,
  options: IsolationForestOptions = {},
): IsolationForestArrays {
  const { data, count, dim } = vectors;
  const treeCount = options.trees ?? 100;
  if (count < 1) throw new Error('isolation forest needs at least one row');
  if (!Number.isInteger(treeCount) || treeCount < 1) throw new Error(`invalid tree count ${treeCount}`);
  const sampleSize = Math.min(options.sampleSize ?? 256, count);
  if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new Error(`invalid sample size ${options.sampleSize}`);
  const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
  const rng = new SeededRandom(options.seed ?? 0);

  // A binary tree over psi rows has at most 2*psi - 1 nodes.
  const capacity = treeCount * (2 * sampleSize - 1);
  const feature = new Int32Array(capacity);
  const threshold = new Float64Array(capacity);
  const leftChild = new Int32Array(capacity);
  const nodeSize = new Int32Array(capacity);
  const treeOffsets = new Int32Array(treeCount + 1);

  const candidates = new Int32Array(dim);
  // Pending nodes as parallel stacks: node index, row range [start, end), depth.
  const stackNode = new Int32Array(sampleSize * 2);
  const stackStart = new Int32Array(sampleSize * 2);
  const stackEnd = new Int32Array(sampleSize * 2);
  const stackDepth = new Int32Array(sampleSize * 2);

  let nextNode = 0;
  for (let t = 0; t < treeCount; t++) {
    // One child generator per tree: a tree's shape depends only on the seed and its position.
    const treeRng = new SeededRandom(rng.nextSeed());
    const rows = treeRng.sampleWithoutReplacement(count, sampleSize);
    treeOffsets[t] = nextNode;
    let top = 0;
    stackNode[top] = nextNode++;
    stackStart[top] = 0;
    stackEnd[top] = sampleSize;
    stackDepth[top] = 0;
    top++;
    while (top > 0) {
      top--;
      const node = stackNode[top];
      const start = stackStart[top];
      const end = stackEnd[top];
      const depth = stackDepth[top];
      nodeSize[node] = end - start;
      feature[node] = -1;
      leftChild[node] = -1;
      if (depth >= maxDepth || end - start < 2) continue;

      // Draw features without replacement until one varies inside the node; if none does, it is a leaf.
      for (let i = 0; i < dim; i++) candidates[i] = i;
      let remaining = dim;
      let splitFeature = -1;
      let low = 0;
      let high = 0;
      while (remaining > 0) {
        const pick = treeRng.nextInt(remaining);
        const f = candidates[pick];
        candidates[pick] = candidates[remaining - 1];
        remaining--;
        low = Infinity;
        high = -Infinity;
        for (let r = start; r < end; r++) {
          const v = data[rows[r] * dim + f];
          if (v < low) low = v;
          if (v > high) high = v;
        }
        if (high > low + CONSTANT_FEATURE_RANGE) {
          splitFeature = f;
          break;
        }
      }
      if (splitFeature < 0) continue;

      let cut = low + treeRng.nextFloat() * (high - low);
      // Rounding can land on the maximum, which would leave the right side empty.
      if (cut >= high) cut = low;

      // Partition rows[start, end) so that rows going left come first.
      let i = start;
      let j = end - 1;
      while (i <= j) {
        if (data[rows[i] * dim + splitFeature] <= cut) i++;
        else {
          const tmp = rows[i];
          rows[i] = rows[j];
          rows[j] = tmp;
          j--;
        }
      }
      const left = nextNode;
      nextNode += 2;
      feature[node] = splitFeature;
      threshold[node] = cut;
      leftChild[node] = left;
      stackNode[top] = left + 1;
      stackStart[top] = i;
      stackEnd[top] = end;
      stackDepth[top] = depth + 1;
      top++;
      stackNode[top] = left;
      stackStart[top] = start;
      stackEnd[top] = i;
      stackDepth[top] = depth + 1;
      top++;
    }
  }
  treeOffsets[treeCount] = nextNode;

  return {
    dim,
    sampleSize,
    treeOffsets,
    feature: feature.slice(0, nextNode),
    threshold: threshold.slice(0, nextNode),
    leftChild: leftChild.slice(0, nextNode),
    nodeSize: nodeSize.slice(0, nextNode),
  };
}
