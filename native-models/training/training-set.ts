// What the trainers read: a fixed set of model inputs they may visit in any order. The
// caller owns where the values live (a workspace's float16 row file, memory, a test's
// synthetic galaxies), so native-models never touches the workspace.

export interface TrainingSet {
  readonly count: number;
  /** Values in one model input. */
  readonly inputLength: number;
  /**
   * Writes the inputs of `indices` into `out`, one after another. May resolve later: a page
   * fetches each batch from the app's main process.
   */
  read(indices: ArrayLike<number>, out: Float32Array): void | Promise<void>;
}

/** Training inputs held in one float32 array (tests, small collections). */
export function trainingSetInMemory(values: Float32Array, inputLength: number): TrainingSet {
  if (values.length % inputLength !== 0)
    throw new Error(`${values.length} values are not whole inputs of ${inputLength}`);
  return {
    count: values.length / inputLength,
    inputLength,
    read(indices, out) {
      for (let k = 0; k < indices.length; k++)
        out.set(values.subarray(indices[k] * inputLength, (indices[k] + 1) * inputLength), k * inputLength);
    },
  };
}
