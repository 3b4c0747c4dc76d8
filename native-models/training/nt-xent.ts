// SimCLR's NT-Xent loss: for a batch of B objects seen twice (rows i and i+B are two views
// of one object), each view must pick out its partner among the other 2B−1 views by cosine
// similarity at temperature τ. Written with public tfjs ops only, so it runs on any backend.
import * as tf from '@tensorflow/tfjs';

export const DEFAULT_TEMPERATURE = 0.2;

/** z: [2B, P] projections, views of object i at rows i and i+B. Returns the mean loss (scalar). */
export function ntXentLoss(z: tf.Tensor2D, temperature = DEFAULT_TEMPERATURE): tf.Scalar {
  return tf.tidy(() => {
    const rows = z.shape[0];
    if (rows % 2 !== 0 || rows < 4) throw new Error(`NT-Xent needs an even number of views, at least 4; got ${rows}`);
    const half = rows / 2;
    const unit = tf.div(z, tf.add(tf.norm(z, 'euclidean', 1, true), 1e-8));
    // A view is never its own candidate: push the diagonal far below every other logit.
    const selfMask = tf.mul(tf.eye(rows), 1e9);
    const logits = tf.sub(tf.div(tf.matMul(unit, unit, false, true), temperature), selfMask);
    const partners = tf.concat([tf.range(half, rows, 1, 'int32'), tf.range(0, half, 1, 'int32')]);
    const targets = tf.oneHot(partners, rows);
    return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
  });
}
