// The training loop of the learned models: seeded shuffles of the training set each
// epoch, one optimiser step per batch, progress after every step (epoch, loss, objects/s,
// ETA), a stop check between steps, and a checkpoint hook after every epoch so a killed
// run can resume from the last one. Random state is derived from (seed, epoch), so a
// resumed run draws the same batches and views as one that never stopped. The next batch is
// read while a step runs (two buffers), so a set that fetches its batches costs no step time.
import type { RandomSource } from '../image/astro-augmentations.js';
import type { LearnedModel } from '../learned-model.js';
import type { TrainingSet } from './training-set.js';

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  step: number;
  stepsPerEpoch: number;
  loss: number;
  /** Objects (not views) per second over this run's steps so far. */
  objectsPerSecond: number;
  etaSeconds: number;
}

export interface EpochRecord {
  epoch: number;
  meanLoss: number;
  seconds: number;
}

export interface TrainModelOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Epochs already done (from a checkpoint): training continues with the next. */
  startEpoch?: number;
  /** A seeded random source for an epoch; the same (seed, epoch) must give the same stream. */
  randomFor: (
    seed: number,
    epoch: number,
  ) => RandomSource & { shuffle<T extends { length: number; [i: number]: number }>(values: T): T };
  onProgress?: (progress: TrainingProgress) => void;
  /** After each epoch, before the next starts (checkpoints). */
  onEpochEnd?: (record: EpochRecord) => Promise<void>;
  /** Asked between steps; true stops training after the current step (not an error). */
  shouldStop?: () => boolean;
}

export interface TrainingOutcome {
  epochsDone: number;
  stopped: boolean;
  log: EpochRecord[];
}

export async function trainModel(
  model: LearnedModel,
  set: TrainingSet,
  options: TrainModelOptions,
): Promise<TrainingOutcome> {
  const { epochs, seed } = options;
  const batchSize = Math.max(2, Math.min(options.batchSize, set.count));
  const stepsPerEpoch = Math.floor(set.count / batchSize);
  if (stepsPerEpoch < 1) throw new Error(`training needs at least 2 objects; got ${set.count}`);
  const buffers = [new Float32Array(batchSize * model.inputLength), new Float32Array(batchSize * model.inputLength)];
  const log: EpochRecord[] = [];
  const startEpoch = options.startEpoch ?? 0;
  const started = performance.now();
  let stepsRun = 0;
  for (let epoch = startEpoch; epoch < epochs; epoch++) {
    const random = options.randomFor(seed, epoch);
    const order = random.shuffle(Int32Array.from({ length: set.count }, (_, i) => i));
    const epochStarted = performance.now();
    let lossSum = 0;
    const readBatch = (step: number): Promise<void> =>
      Promise.resolve(set.read(order.subarray(step * batchSize, (step + 1) * batchSize), buffers[step % 2]));
    let reading = readBatch(0);
    for (let step = 0; step < stepsPerEpoch; step++) {
      await reading;
      if (options.shouldStop?.()) return { epochsDone: epoch, stopped: true, log };
      if (step + 1 < stepsPerEpoch) {
        reading = readBatch(step + 1);
        // Awaited at the next step; a failure meanwhile must not surface as an unhandled rejection.
        reading.catch(() => undefined);
      }
      const loss = await model.trainStep(buffers[step % 2], batchSize, random);
      if (!Number.isFinite(loss))
        throw new Error(`training diverged: the loss became ${loss} at epoch ${epoch + 1}, step ${step + 1}`);
      lossSum += loss;
      stepsRun++;
      const seconds = (performance.now() - started) / 1000;
      const objectsPerSecond = (stepsRun * batchSize) / Math.max(seconds, 1e-9);
      const stepsLeft = (epochs - epoch) * stepsPerEpoch - (step + 1);
      options.onProgress?.({
        epoch: epoch + 1,
        epochs,
        step: step + 1,
        stepsPerEpoch,
        loss,
        objectsPerSecond,
        etaSeconds: (stepsLeft * batchSize) / objectsPerSecond,
      });
    }
    const record = {
      epoch: epoch + 1,
      meanLoss: lossSum / stepsPerEpoch,
      seconds: (performance.now() - epochStarted) / 1000,
    };
    log.push(record);
    await options.onEpochEnd?.(record);
  }
  return { epochsDone: epochs, stopped: false, log };
}
