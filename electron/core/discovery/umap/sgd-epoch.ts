// One epoch of UMAP's layout optimisation over a range of edges: the hot loop, on flat typed
// arrays, shared by the single-threaded path and the worker threads (which each own a range
// of edges and write the shared embedding Hogwild-style). It follows umap-learn's
// optimize_layout_euclidean for a 2-D embedding: attract along each edge when its schedule
// says so, then repel from negative_sample_rate random points per sample, gradients clipped
// to ±4 and the learning rate falling linearly to zero. The gradient coefficients come from
// lookup tables (gradient-tables.ts) instead of Math.pow, which would dominate the run time.
import {
  attractCoefficient,
  repelCoefficient,
  TABLE_BASE,
  TABLE_MAX,
  TABLE_MIN,
  TABLE_SHIFT,
  type GradientTables,
} from './gradient-tables.js';

export interface SgdBuffers {
  /** count×2 coordinates, x0,y0,x1,y1…; updated in place. */
  embedding: Float32Array;
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float32Array;
  /** Per edge: the epoch at which it is next sampled. Within an epoch each edge has one owner. */
  epochOfNextSample: Float32Array;
  epochOfNextNegativeSample: Float32Array;
}

export interface SgdSettings {
  count: number;
  nEpochs: number;
  a: number;
  b: number;
  /** Weight of the repulsive term: umap-learn's repulsion_strength, 1 there and here. */
  gamma: number;
  initialAlpha: number;
  negativeSampleRate: number;
}

const GRADIENT_CLIP = 4;
const TWO_POW_MINUS_32 = 1 / 4294967296;
// Reading d² back as float32 bits gives its table bin; one pair of views per thread.
const floatView = new Float32Array(1);
const bitsView = new Int32Array(floatView.buffer);

/** Starts every edge's schedule as umap-learn does: first sample after one period. */
export function initialiseSchedule(buffers: SgdBuffers, negativeSampleRate: number): void {
  const { epochsPerSample, epochOfNextSample, epochOfNextNegativeSample } = buffers;
  for (let e = 0; e < epochsPerSample.length; e++) {
    epochOfNextSample[e] = epochsPerSample[e];
    epochOfNextNegativeSample[e] = epochsPerSample[e] / negativeSampleRate;
  }
}

/**
 * Runs epoch `epoch` (0-based) over edges [edgeStart, edgeEnd). `rngState[0]` is an xorshift32
 * state (never 0) that picks negative samples; it is advanced in place so a caller may split
 * one epoch into several ranges and still draw the same sequence.
 */
export function runSgdEpoch(
  buffers: SgdBuffers,
  settings: SgdSettings,
  tables: GradientTables,
  epoch: number,
  edgeStart: number,
  edgeEnd: number,
  rngState: Int32Array,
): void {
  const { embedding, head, tail, epochsPerSample, epochOfNextSample, epochOfNextNegativeSample } = buffers;
  const { count, a, b, gamma, negativeSampleRate } = settings;
  const alpha = settings.initialAlpha * (1 - epoch / settings.nEpochs);
  const { attract, repel } = tables;
  // Local copies: imported bindings are cell or namespace loads inside the loop otherwise.
  const tableMin = TABLE_MIN;
  const tableMax = TABLE_MAX;
  const tableShift = TABLE_SHIFT;
  const tableBase = TABLE_BASE;
  let state = rngState[0];

  for (let e = edgeStart; e < edgeEnd; e++) {
    if (epochOfNextSample[e] > epoch) continue;
    const j = head[e] << 1;
    const k = tail[e] << 1;
    let cx = embedding[j];
    let cy = embedding[j + 1];
    const dx = cx - embedding[k];
    const dy = cy - embedding[k + 1];
    const distSquared = dx * dx + dy * dy;
    if (distSquared > 0) {
      let coefficient: number;
      if (distSquared >= tableMin && distSquared < tableMax) {
        floatView[0] = distSquared;
        const bin = ((bitsView[0] >> tableShift) - tableBase) << 1;
        coefficient = attract[bin] + attract[bin + 1] * distSquared;
      } else {
        coefficient = attractCoefficient(distSquared, a, b);
      }
      let gx = coefficient * dx;
      let gy = coefficient * dy;
      gx = gx > GRADIENT_CLIP ? GRADIENT_CLIP : gx < -GRADIENT_CLIP ? -GRADIENT_CLIP : gx;
      gy = gy > GRADIENT_CLIP ? GRADIENT_CLIP : gy < -GRADIENT_CLIP ? -GRADIENT_CLIP : gy;
      cx += gx * alpha;
      cy += gy * alpha;
      embedding[k] -= gx * alpha;
      embedding[k + 1] -= gy * alpha;
    }
    const period = epochsPerSample[e];
    epochOfNextSample[e] += period;

    const negativePeriod = period / negativeSampleRate;
    const negatives = Math.floor((epoch - epochOfNextNegativeSample[e]) / negativePeriod);
    for (let p = 0; p < negatives; p++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      // Multiply-shift maps the 32 random bits onto [0, count) without a slow integer division.
      const other = (((state >>> 0) * count * TWO_POW_MINUS_32) | 0) << 1;
      const rx = cx - embedding[other];
      const ry = cy - embedding[other + 1];
      const d2 = rx * rx + ry * ry;
      let gx: number;
      let gy: number;
      if (d2 > 0) {
        let coefficient: number;
        if (d2 >= tableMin && d2 < tableMax) {
          floatView[0] = d2;
          const bin = ((bitsView[0] >> tableShift) - tableBase) << 1;
          coefficient = repel[bin] + repel[bin + 1] * d2;
        } else {
          coefficient = repelCoefficient(d2, a, b, gamma);
        }
        gx = coefficient * rx;
        gy = coefficient * ry;
        gx = gx > GRADIENT_CLIP ? GRADIENT_CLIP : gx < -GRADIENT_CLIP ? -GRADIENT_CLIP : gx;
        gy = gy > GRADIENT_CLIP ? GRADIENT_CLIP : gy < -GRADIENT_CLIP ? -GRADIENT_CLIP : gy;
      } else if (other === j) {
        continue;
      } else {
        // Two distinct points on top of each other: push apart by the clip (umap-learn's choice).
        gx = GRADIENT_CLIP;
        gy = GRADIENT_CLIP;
      }
      cx += gx * alpha;
      cy += gy * alpha;
    }
    if (negatives > 0) epochOfNextNegativeSample[e] += negatives * negativePeriod;
    embedding[j] = cx;
    embedding[j + 1] = cy;
  }
  rngState[0] = state;
}
