// The training loop with a set that fetches its batches (as the GPU window's does): the same
// losses as the in-memory set, each batch read once in the epoch's order while the step before
// it runs, and a failed read failing the training (not left as an unhandled rejection).
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../native-models/backends/index.js';
import { LearnedModel } from '../../../../native-models/learned-model.js';
import { trainModel } from '../../../../native-models/training/train-model.js';
import { trainingSetInMemory, type TrainingSet } from '../../../../native-models/training/training-set.js';
import { epochRandom } from '../../../../electron/core/discovery/embeddings/learned/model-job.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';

const config = {
  kind: 'autoencoder' as const,
  dim: 2,
  seed: 7,
  learningRate: 1e-3,
  modality: 'image' as const,
  geometry: { size: 16, bands: 1 },
};
const INPUT = 16 * 16;
const COUNT = 6;
const random = new SeededRandom(11);
const values = Float32Array.from({ length: COUNT * INPUT }, () => random.nextGaussian());

async function losses(set: TrainingSet, timeline: string[] = []): Promise<number[]> {
  await selectBackend('wasm');
  const model = new LearnedModel(config);
  const seen: number[] = [];
  try {
    await trainModel(model, set, {
      epochs: 2,
      batchSize: 2,
      seed: config.seed,
      randomFor: epochRandom,
      onProgress: (p) => {
        seen.push(p.loss);
        timeline.push('step');
      },
    });
  } finally {
    model.dispose();
  }
  return seen;
}

/** The in-memory set, answering a turn later, recording what it was asked for. */
function fetchingSet(reads: number[][], failAt = -1, timeline: string[] = []): TrainingSet {
  const memory = trainingSetInMemory(values, INPUT);
  return {
    count: memory.count,
    inputLength: INPUT,
    read: (indices, out) =>
      new Promise<void>((resolve, reject) => {
        const read = reads.push(Array.from(indices));
        timeline.push('read');
        setTimeout(() => {
          if (read === failAt) return reject(new Error('the host closed the channel'));
          void memory.read(indices, out);
          resolve();
        }, 1);
      }),
  };
}

describe('trainModel with a fetching set', () => {
  it('trains to the losses of the in-memory set, reading each batch once, in the shuffled order', async () => {
    const reads: number[][] = [];
    const timeline: string[] = [];
    const fetched = await losses(fetchingSet(reads, -1, timeline), timeline);
    expect(fetched).toEqual(await losses(trainingSetInMemory(values, INPUT)));
    expect(fetched).toHaveLength(6);
    const order = (epoch: number) =>
      Array.from(epochRandom(config.seed, epoch).shuffle(Int32Array.from({ length: COUNT }, (_, i) => i)));
    expect(reads).toEqual([order(0), order(1)].flatMap((o) => [o.slice(0, 2), o.slice(2, 4), o.slice(4, 6)]));
    // Each epoch: its first batch, then every next one asked for before the step before it.
    const epoch = ['read', 'read', 'step', 'read', 'step', 'step'];
    expect(timeline).toEqual([...epoch, ...epoch]);
  });

  it('fails with the reason when a read fails while the step before it runs', async () => {
    await expect(losses(fetchingSet([], 2))).rejects.toThrow('the host closed the channel');
  });
});
