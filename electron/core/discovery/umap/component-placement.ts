// Where each connected component of the graph goes before the optimiser starts (the "meta
// embedding" of umap-learn's multi_component_layout). Up to four components sit on the ends
// of the two axes, as umap-learn does in 2-D; more are placed by the principal plane of their
// centroids when the vectors are known, so that similar groups start near each other, and on
// an evenly filled disc (largest first, near the centre) when only the graph is known.
import type { VectorSet } from '../vectors.js';
import type { Components } from './connected-components.js';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const PRINCIPAL_ITERATIONS = 50;

/** One anchor (x, y) per component, scaled so that the largest |coordinate| is 1. */
export function componentAnchors(components: Components, vectors?: VectorSet): Float64Array {
  const count = components.sizes.length;
  const anchors = new Float64Array(count * 2);
  if (count <= 4) {
    const axisEnds = [1, 0, 0, 1, -1, 0, 0, -1];
    // With two or three components umap-learn uses ±x (and +y); keep the same shape.
    const order = count <= 2 ? [0, 2] : [0, 1, 2, 3];
    for (let c = 0; c < count; c++) {
      anchors[c * 2] = axisEnds[order[c] * 2];
      anchors[c * 2 + 1] = axisEnds[order[c] * 2 + 1];
    }
    return anchors;
  }
  if (vectors) principalPlaneOfCentroids(components, vectors, anchors);
  else {
    for (let c = 0; c < count; c++) {
      const radius = Math.sqrt((c + 0.5) / count);
      anchors[c * 2] = radius * Math.cos(c * GOLDEN_ANGLE);
      anchors[c * 2 + 1] = radius * Math.sin(c * GOLDEN_ANGLE);
    }
  }
  let largest = 0;
  for (let i = 0; i < anchors.length; i++) largest = Math.max(largest, Math.abs(anchors[i]));
  if (largest > 0) for (let i = 0; i < anchors.length; i++) anchors[i] /= largest;
  return anchors;
}

/** Half the distance from anchor c to its nearest other anchor: how large component c may be drawn. */
export function anchorRadius(anchors: Float64Array, c: number): number {
  let nearest = Infinity;
  for (let o = 0; o < anchors.length / 2; o++) {
    if (o === c) continue;
    const d = Math.hypot(anchors[c * 2] - anchors[o * 2], anchors[c * 2 + 1] - anchors[o * 2 + 1]);
    if (d > 0 && d < nearest) nearest = d;
  }
  return Number.isFinite(nearest) ? nearest / 2 : 1;
}

function principalPlaneOfCentroids(components: Components, vectors: VectorSet, anchors: Float64Array): void {
  const { labels, sizes } = components;
  const { data, dim, count } = vectors;
  const clusters = sizes.length;
  const centroids = new Float64Array(clusters * dim);
  for (let i = 0; i < count; i++) {
    const base = labels[i] * dim;
    for (let d = 0; d < dim; d++) centroids[base + d] += data[i * dim + d];
  }
  for (let c = 0; c < clusters; c++) for (let d = 0; d < dim; d++) centroids[c * dim + d] /= sizes[c];

  const mean = new Float64Array(dim);
  for (let c = 0; c < clusters; c++) for (let d = 0; d < dim; d++) mean[d] += centroids[c * dim + d] / clusters;
  for (let c = 0; c < clusters; c++) for (let d = 0; d < dim; d++) centroids[c * dim + d] -= mean[d];
  // Subspace iteration for the two leading principal axes: cost stays proportional to
  // clusters × dim however many components or dimensions there are.
  const axes = [new Float64Array(dim), new Float64Array(dim)];
  for (let d = 0; d < dim; d++) {
    axes[0][d] = Math.cos(d + 1);
    axes[1][d] = Math.sin(2 * d + 1);
  }
  const scores = new Float64Array(clusters);
  for (let iteration = 0; iteration < PRINCIPAL_ITERATIONS; iteration++) {
    for (const axis of axes) {
      for (let c = 0; c < clusters; c++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += centroids[c * dim + d] * axis[d];
        scores[c] = s;
      }
      axis.fill(0);
      for (let c = 0; c < clusters; c++) for (let d = 0; d < dim; d++) axis[d] += scores[c] * centroids[c * dim + d];
    }
    orthonormalise(axes[0], axes[1]);
  }
  for (let axis = 0; axis < 2; axis++) {
    for (let c = 0; c < clusters; c++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += centroids[c * dim + d] * axes[axis][d];
      anchors[c * 2 + axis] = s;
    }
  }
}

function orthonormalise(first: Float64Array, second: Float64Array): void {
  const norm = (v: Float64Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const n1 = norm(first) || 1;
  for (let d = 0; d < first.length; d++) first[d] /= n1;
  const projection = first.reduce((s, x, d) => s + x * second[d], 0);
  for (let d = 0; d < second.length; d++) second[d] -= projection * first[d];
  const n2 = norm(second) || 1;
  for (let d = 0; d < second.length; d++) second[d] /= n2;
}
