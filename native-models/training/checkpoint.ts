// A training checkpoint: every weight of the model's networks and of its optimiser (Adam's
// moments and step count), in order, as tfjs's weight encoding (one binary + its specs).
// Restored into freshly built networks of the same configuration, training continues as
// if it had never stopped: same weights, same optimiser state.
import * as tf from '@tensorflow/tfjs';
import type { LearnedModel } from '../learned-model.js';

export interface Checkpoint {
  /** Epochs completed. */
  epoch: number;
  specs: tf.io.WeightsManifestEntry[];
  data: Uint8Array;
}

function networks(model: LearnedModel): tf.LayersModel[] {
  return [model.encoder, model.trainingHead];
}

export async function captureCheckpoint(model: LearnedModel, epoch: number): Promise<Checkpoint> {
  const named: { name: string; tensor: tf.Tensor }[] = [];
  networks(model).forEach((network, n) =>
    network.getWeights().forEach((tensor, i) => named.push({ name: `net${n}/${i}`, tensor })),
  );
  (await model.optimizer.getWeights()).forEach(({ tensor }, i) => named.push({ name: `optimizer/${i}`, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { epoch, specs, data: new Uint8Array(data) };
}

export async function restoreCheckpoint(model: LearnedModel, checkpoint: Checkpoint): Promise<void> {
  const buffer = checkpoint.data.buffer.slice(
    checkpoint.data.byteOffset,
    checkpoint.data.byteOffset + checkpoint.data.byteLength,
  ) as ArrayBuffer;
  const decoded = tf.io.decodeWeights(buffer, checkpoint.specs);
  const take = (prefix: string): tf.Tensor[] => {
    const out: tf.Tensor[] = [];
    for (let i = 0; `${prefix}/${i}` in decoded; i++) out.push(decoded[`${prefix}/${i}`]);
    return out;
  };
  networks(model).forEach((network, n) => {
    const weights = take(`net${n}`);
    if (weights.length !== network.getWeights().length)
      throw new Error(
        `the checkpoint holds ${weights.length} weights for ${network.name}, which has ` +
          `${network.getWeights().length}: it belongs to another model`,
      );
    network.setWeights(weights);
  });
  const optimizerWeights = take('optimizer');
  if (optimizerWeights.length > 0)
    await model.optimizer.setWeights(optimizerWeights.map((tensor, i) => ({ name: `optimizer/${i}`, tensor })));
  // Variables took copies (by reference count), so the decoded tensors can go.
  tf.dispose(Object.values(decoded));
}
