// NT-Xent against a direct evaluation of its definition, and its one property that matters:
// views that agree with their partners cost less than views that do not.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { ntXentLoss } from '../../../../native-models/training/nt-xent.js';

function referenceLoss(z: number[][], temperature: number): number {
  const unit = z.map((row) => {
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  });
  const n = unit.length;
  const half = n / 2;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const partner = (i + half) % n;
    const logits = unit.map((other, j) =>
      j === i ? -Infinity : other.reduce((s, v, d) => s + v * unit[i][d], 0) / temperature,
    );
    const max = Math.max(...logits);
    const logSum = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
    total += logSum - logits[partner];
  }
  return total / n;
}

describe('ntXentLoss', () => {
  it('equals the definition: mean over views of −log softmax(partner) of cosine/τ', async () => {
    const random = new SeededRandom(3);
    const z = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => random.nextGaussian()));
    for (const temperature of [0.1, 0.5, 1]) {
      const loss = ntXentLoss(tf.tensor2d(z), temperature);
      expect((await loss.data())[0]).toBeCloseTo(referenceLoss(z, temperature), 4);
      loss.dispose();
    }
  });

  it('is lower when each view matches its partner than when views are unrelated', async () => {
    const random = new SeededRandom(5);
    const objects = Array.from({ length: 8 }, () => Array.from({ length: 16 }, () => random.nextGaussian()));
    const matched = [...objects, ...objects.map((row) => row.map((v) => v + 0.05 * random.nextGaussian()))];
    const unrelated = [...objects, ...objects.map(() => Array.from({ length: 16 }, () => random.nextGaussian()))];
    const [a, b] = [ntXentLoss(tf.tensor2d(matched)), ntXentLoss(tf.tensor2d(unrelated))];
    expect((await a.data())[0]).toBeLessThan((await b.data())[0] - 1);
  });

  it('refuses an odd number of views', () => {
    expect(() => ntXentLoss(tf.zeros([5, 3]) as tf.Tensor2D)).toThrow(/even number of views/);
  });
});
