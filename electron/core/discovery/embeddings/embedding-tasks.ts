// The units of work an embedding hands to a thread, and the one function that performs them,
// so that a worker thread and the calling thread (tests, tiny collections, an unbuilt
// project) run exactly the same code. Stateful tasks (`attach-*`) give a thread the shared
// PCA sample or the fitted projection once, instead of with every batch.
import { timesTransposed, transposeTimesAccumulate } from './pca/dense-products.js';
import { type CentredSample, type PrincipalAxes, centreRows, orthonormalise, principalAxes } from './pca/pca.js';
import { morphologyFeaturesOfHalfRows } from './morphology/morphology-features.js';
import { vectorLength, vectorsFromHalf, type VectorGeometry } from './pca/pixel-vectors.js';
import type { TaskService } from '../../util/worker-tasks.js';

/** Geometry of the stored model inputs and the PCA binning (see pca/pixel-vectors.ts). */
export type InputGeometry = VectorGeometry;

export interface FeaturesTask {
  kind: 'features';
  /** `count` stored model inputs, float16 bits. */
  half: Uint16Array;
  count: number;
  size: number;
  bands: number;
}

export interface AttachSampleTask {
  kind: 'attach-sample';
  /** The centred PCA sample, rows × dim; on a SharedArrayBuffer when threads share it. */
  sample: Float32Array;
  rows: number;
  dim: number;
}

export interface SamplePixelsTask {
  kind: 'sample-pixels';
  /** `count` stored model inputs, float16 bits, whose pixel vectors become sample rows firstRow.. */
  half: Uint16Array;
  count: number;
  firstRow: number;
  geometry: InputGeometry;
}

export interface SampleTimesTask {
  kind: 'sample-times';
  startRow: number;
  endRow: number;
  rightT: Float32Array;
  width: number;
}

export interface SampleTransposeTimesTask {
  kind: 'sample-transpose-times';
  startRow: number;
  endRow: number;
  /** Rows startRow..endRow of the left matrix, (endRow − startRow) × width. */
  left: Float64Array;
  width: number;
}

export interface AttachProjectionTask {
  kind: 'attach-projection';
  geometry: InputGeometry;
  componentsT: Float32Array;
  components: number;
  /** mean · component per component, subtracted after the product. */
  offsets: Float64Array;
}

export interface ProjectTask {
  kind: 'project';
  half: Uint16Array;
  count: number;
}

/** Centres the attached (shared) sample in place: the PCA fit's first step, off the calling thread. */
export interface CentreSampleTask {
  kind: 'centre-sample';
}

/** One Gram–Schmidt of the PCA fit (see pca/pca.ts orthonormalise); `m` comes back orthonormalised. */
export interface OrthonormaliseTask {
  kind: 'orthonormalise';
  m: Float64Array;
  count: number;
  length: number;
  stride: number;
  step: number;
}

/** The PCA fit's last step: principal axes from B = Qᵀ·X (see pca/pca.ts principalAxes). */
export interface PrincipalAxesTask {
  kind: 'principal-axes';
  b: Float64Array;
  width: number;
  dim: number;
  components: number;
}

export type EmbeddingTask =
  | FeaturesTask
  | CentreSampleTask
  | OrthonormaliseTask
  | PrincipalAxesTask
  | AttachSampleTask
  | SamplePixelsTask
  | SampleTimesTask
  | SampleTransposeTimesTask
  | AttachProjectionTask
  | ProjectTask;

export interface EmbeddingTaskResults {
  features: Float32Array;
  'centre-sample': CentredSample;
  orthonormalise: Float64Array;
  'principal-axes': PrincipalAxes;
  'attach-sample': null;
  'sample-pixels': null;
  'sample-times': Float64Array;
  'sample-transpose-times': Float64Array;
  'attach-projection': null;
  project: Float32Array;
}

export type EmbeddingTaskResult<T extends EmbeddingTask> = EmbeddingTaskResults[T['kind']];

export type TaskResult = EmbeddingTaskResults[keyof EmbeddingTaskResults];

/** The buffers a result can hand over to the receiving thread without a copy (shared ones stay). */
export function transferableBuffers(result: TaskResult): ArrayBuffer[] {
  const arrays =
    result === null
      ? []
      : ArrayBuffer.isView(result)
        ? [result]
        : Object.values(result).filter((v) => ArrayBuffer.isView(v));
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
}

/** What a thread keeps between tasks. */
export interface EmbeddingTaskState {
  sample: { data: Float32Array; rows: number; dim: number } | null;
  projection:
    (Omit<AttachProjectionTask, 'kind'> & { length: number; scratch: Float32Array; products: Float64Array }) | null;
}

export function newTaskState(): EmbeddingTaskState {
  return { sample: null, projection: null };
}

/** A thread's embedding service: its own state, results' buffers moved back. */
export function createEmbeddingService(): TaskService<EmbeddingTask, TaskResult> {
  const state = newTaskState();
  return { perform: (task) => performEmbeddingTask(state, task), transferOf: transferableBuffers };
}

export function performEmbeddingTask(state: EmbeddingTaskState, task: EmbeddingTask): TaskResult {
  switch (task.kind) {
    case 'features':
      return morphologyFeaturesOfHalfRows(task.half, task.count, task.size, task.bands);
    case 'centre-sample': {
      const { data, rows, dim } = requireSample(state);
      return centreRows(data, rows, dim);
    }
    case 'orthonormalise':
      orthonormalise(task.m, task.count, task.length, task.stride, task.step);
      return task.m;
    case 'principal-axes':
      return principalAxes(task.b, task.width, task.dim, task.components);
    case 'attach-sample':
      state.sample = { data: task.sample, rows: task.rows, dim: task.dim };
      return null;
    case 'sample-pixels': {
      const { data } = requireSample(state);
      vectorsFromHalf(task.half, task.count, task.geometry, data, task.firstRow);
      return null;
    }
    case 'sample-times': {
      const { data, dim } = requireSample(state);
      const rows = task.endRow - task.startRow;
      const out = new Float64Array(rows * task.width);
      timesTransposed(data.subarray(task.startRow * dim, task.endRow * dim), rows, dim, task.rightT, task.width, out);
      return out;
    }
    case 'sample-transpose-times': {
      const { data, dim } = requireSample(state);
      const rows = task.endRow - task.startRow;
      const out = new Float64Array(task.width * dim);
      transposeTimesAccumulate(
        data.subarray(task.startRow * dim, task.endRow * dim),
        rows,
        dim,
        task.left,
        task.width,
        out,
      );
      return out;
    }
    case 'attach-projection': {
      const { geometry, componentsT, components, offsets } = task;
      const length = vectorLength(geometry);
      state.projection = {
        geometry,
        componentsT,
        components,
        offsets,
        length,
        scratch: new Float32Array(0),
        products: new Float64Array(0),
      };
      return null;
    }
    case 'project':
      return project(state, task);
  }
}

function requireSample(state: EmbeddingTaskState): { data: Float32Array; rows: number; dim: number } {
  if (!state.sample) throw new Error('no PCA sample attached to this thread');
  return state.sample;
}

function project(state: EmbeddingTaskState, task: ProjectTask): Float32Array {
  const projection = state.projection;
  if (!projection) throw new Error('no PCA projection attached to this thread');
  const { geometry, componentsT, components, offsets, length } = projection;
  if (projection.scratch.length < task.count * length) projection.scratch = new Float32Array(task.count * length);
  if (projection.products.length < task.count * components)
    projection.products = new Float64Array(task.count * components);
  const vectors = projection.scratch;
  const products = projection.products;
  vectorsFromHalf(task.half, task.count, geometry, vectors);
  timesTransposed(vectors, task.count, length, componentsT, components, products);
  const out = new Float32Array(task.count * components);
  for (let i = 0; i < task.count; i++) {
    for (let k = 0; k < components; k++) out[i * components + k] = products[i * components + k] - offsets[k];
  }
  return out;
}
