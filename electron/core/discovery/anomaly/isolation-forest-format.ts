// How a fitted isolation forest is held: a handful of flat typed arrays covering every node of
// every tree. Plain arrays (no objects per node) keep scoring cache-friendly, survive
// structured clone to worker threads, and encode to a compact binary blob for the workspace.

/**
 * All trees of a forest, concatenated. Tree t owns nodes [treeOffsets[t], treeOffsets[t+1]),
 * its root first. Node indices are global across the forest, so one index names a leaf uniquely.
 */
export interface IsolationForestArrays {
  /** Width of the vectors the forest was fitted on. */
  dim: number;
  /** Rows drawn to grow each tree (psi); the score is normalised by c(psi). */
  sampleSize: number;
  /** Length treeCount + 1. */
  treeOffsets: Int32Array;
  /** Split feature of each node; -1 marks a leaf. */
  feature: Int32Array;
  /** A row goes left when row[feature] <= threshold. Float64 so float32 inputs compare exactly as when fitted. */
  threshold: Float64Array;
  /** Global index of the left child; the right child is always leftChild + 1. -1 at a leaf. */
  leftChild: Int32Array;
  /** Training rows (of the tree's sample) that reached the node. */
  nodeSize: Int32Array;
}

const MAGIC = 0x52464953; // "SIFR" read little-endian
const FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

/** Throws if the arrays cannot describe a forest (wrong lengths, children out of range). */
export function validateForestArrays(a: IsolationForestArrays): void {
  const nodes = a.feature.length;
  const trees = a.treeOffsets.length - 1;
  const fail = (why: string): never => {
    throw new Error(`invalid isolation forest: ${why}`);
  };
  if (!(a.dim >= 1) || !Number.isInteger(a.dim)) fail(`dim ${a.dim}`);
  if (!(a.sampleSize >= 1) || !Number.isInteger(a.sampleSize)) fail(`sampleSize ${a.sampleSize}`);
  if (trees < 1) fail('no trees');
  if (a.threshold.length !== nodes || a.leftChild.length !== nodes || a.nodeSize.length !== nodes)
    fail('node arrays differ in length');
  if (a.treeOffsets[0] !== 0 || a.treeOffsets[trees] !== nodes) fail('tree offsets do not cover the nodes');
  for (let t = 0; t < trees; t++) {
    const start = a.treeOffsets[t];
    const end = a.treeOffsets[t + 1];
    if (end <= start) fail(`tree ${t} is empty`);
    for (let n = start; n < end; n++) {
      const f = a.feature[n];
      if (f === -1) continue;
      if (f < 0 || f >= a.dim) fail(`node ${n} splits on feature ${f}`);
      // Children after their parent and inside the same tree: scoring and depth passes rely on it.
      const left = a.leftChild[n];
      if (left <= n || left + 1 >= end) fail(`node ${n} has children outside its tree`);
    }
  }
}

/** Little-endian binary: a 32-byte header, then threshold (f64), treeOffsets, feature, leftChild, nodeSize (i32). */
export function encodeForest(a: IsolationForestArrays): Uint8Array {
  const nodes = a.feature.length;
  const trees = a.treeOffsets.length - 1;
  const bytes = new Uint8Array(HEADER_BYTES + nodes * 8 + (trees + 1) * 4 + nodes * 12);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, a.dim, true);
  view.setUint32(12, a.sampleSize, true);
  view.setUint32(16, trees, true);
  view.setUint32(20, nodes, true);
  let at = HEADER_BYTES;
  for (let i = 0; i < nodes; i++, at += 8) view.setFloat64(at, a.threshold[i], true);
  for (const column of [a.treeOffsets, a.feature, a.leftChild, a.nodeSize]) {
    for (let i = 0; i < column.length; i++, at += 4) view.setInt32(at, column[i], true);
  }
  return bytes;
}

export function decodeForest(bytes: Uint8Array): IsolationForestArrays {
  if (bytes.byteLength < HEADER_BYTES) throw new Error('isolation forest blob is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not an isolation forest blob');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`unsupported isolation forest format version ${version}`);
  const dim = view.getUint32(8, true);
  const sampleSize = view.getUint32(12, true);
  const trees = view.getUint32(16, true);
  const nodes = view.getUint32(20, true);
  const expected = HEADER_BYTES + nodes * 8 + (trees + 1) * 4 + nodes * 12;
  if (bytes.byteLength !== expected)
    throw new Error(`isolation forest blob has ${bytes.byteLength} bytes, expected ${expected}`);
  let at = HEADER_BYTES;
  const threshold = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++, at += 8) threshold[i] = view.getFloat64(at, true);
  const readInt32 = (length: number): Int32Array => {
    const column = new Int32Array(length);
    for (let i = 0; i < length; i++, at += 4) column[i] = view.getInt32(at, true);
    return column;
  };
  const treeOffsets = readInt32(trees + 1);
  const feature = readInt32(nodes);
  const leftChild = readInt32(nodes);
  const nodeSize = readInt32(nodes);
  const arrays: IsolationForestArrays = { dim, sampleSize, treeOffsets, feature, threshold, leftChild, nodeSize };
  validateForestArrays(arrays);
  return arrays;
}
