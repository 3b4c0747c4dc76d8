// Seeded initialisers and the parts every learned model shares. Every kernel initialiser
// takes its seed from (model seed, layer number), so a run is reproducible from one integer.
import * as tf from '@tensorflow/tfjs';

export function seeded(
  seed: number,
  layer: number,
): { kernelInitializer: ReturnType<typeof tf.initializers.glorotUniform> } {
  return { kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 101 + layer }) };
}

const PROJECTION_UNITS = 128;
const PROJECTION_OUT = 64;

/** SimCLR's projection head: representation → the space where NT-Xent compares views. Dropped after training. */
export function buildProjectionHead(dim: number, seed: number): tf.Sequential {
  const head = tf.sequential({ name: 'projection' });
  head.add(tf.layers.dense({ inputShape: [dim], units: PROJECTION_UNITS, activation: 'relu', ...seeded(seed, 20) }));
  head.add(tf.layers.dense({ units: PROJECTION_OUT, ...seeded(seed, 21) }));
  return head;
}
